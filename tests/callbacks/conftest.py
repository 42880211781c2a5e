"""One app and one Flask test client per callbacks test module."""

import pytest

from app import create_app


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@pytest.fixture(autouse=True)
def no_callback_raised(request):
    """A callback or page layout that raises still answers 200 (the global on_error shows an alert): fail the
    test when the app's error log counted a failure during it."""
    if "app" not in request.fixturenames:
        yield
        return
    from errors import ERRORS

    errors = request.getfixturevalue("app").server.extensions[ERRORS]
    before = errors.count
    yield
    assert errors.count == before, f"{errors.count - before} callback failures: {errors.recent[-3:]}"
