"""The cache keys' code version covers every project module the app imports, the pipeline's included."""

import importlib
import sys
import types

import caching


def _project(tmp_path):
    (tmp_path / "data" / "build").mkdir(parents=True)
    (tmp_path / "tests").mkdir()
    built = tmp_path / "data" / "build" / "labels.py"
    built.write_text("LABELS = {'gdp': 'GDP'}\n")
    test = tmp_path / "tests" / "test_labels.py"
    test.write_text("def test(): pass\n")
    modules = {
        name: types.SimpleNamespace(__file__=str(path))
        for name, path in (("data.build.labels", built), ("tests.test_labels", test))
    }
    modules["json"] = sys.modules["json"]  # outside the project: not hashed
    modules["__main__"] = types.SimpleNamespace(__file__=str(tmp_path / "<stdin>"))  # `python -` has no file
    return built, test, modules


def test_a_change_to_an_imported_build_module_changes_the_version(tmp_path):
    built, _, modules = _project(tmp_path)
    before = caching.code_version(tmp_path, modules)
    built.write_text("LABELS = {'gdp': 'Gross domestic product'}\n")
    assert caching.code_version(tmp_path, modules) != before
    assert caching.served_modules(tmp_path, modules) == [built.resolve()]


def test_tests_and_modules_not_imported_do_not_count(tmp_path):
    _, test, modules = _project(tmp_path)
    before = caching.code_version(tmp_path, modules)
    test.write_text("def test(): assert True\n")
    (tmp_path / "data" / "build" / "unused.py").write_text("X = 1\n")
    assert caching.code_version(tmp_path, modules) == before


def test_the_running_app_hashes_the_data_build_modules_it_imports():
    importlib.import_module("data.build.indicators")
    served = {p.relative_to(caching.ROOT).as_posix() for p in caching.served_modules()}
    assert "data/build/indicators.py" in served and "caching.py" in served
    assert not any(p.startswith(("tests/", "benchmarks/")) for p in served)
