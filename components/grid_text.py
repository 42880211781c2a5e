"""AG Grid's own texts (overlays, filter menus, pagination) in the view's language, for `dashGridOptions`.

AG Grid ships its translations as separate packages, not in dash-ag-grid; these are the keys the app's grids show
(community features only). English is AG Grid's default: nothing is set."""

from __future__ import annotations

FRENCH = {
    "noRowsToShow": "Aucune ligne à afficher",
    "loadingOoo": "Chargement…",
    "loadingError": "Erreur",
    "page": "Page",
    "to": "à",
    "of": "sur",
    "more": "plus",
    "firstPage": "Première page",
    "lastPage": "Dernière page",
    "nextPage": "Page suivante",
    "previousPage": "Page précédente",
    "pageSizeSelectorLabel": "Taille de la page :",
    "filterOoo": "Filtrer…",
    "selectAll": "(Tout sélectionner)",
    "searchOoo": "Rechercher…",
    "blanks": "(Vides)",
    "equals": "Égal à",
    "notEqual": "Différent de",
    "blank": "Vide",
    "notBlank": "Non vide",
    "empty": "Choisir…",
    "lessThan": "Inférieur à",
    "greaterThan": "Supérieur à",
    "lessThanOrEqual": "Inférieur ou égal à",
    "greaterThanOrEqual": "Supérieur ou égal à",
    "inRange": "Entre",
    "inRangeStart": "De",
    "inRangeEnd": "À",
    "contains": "Contient",
    "notContains": "Ne contient pas",
    "startsWith": "Commence par",
    "endsWith": "Se termine par",
    "andCondition": "ET",
    "orCondition": "OU",
    "applyFilter": "Appliquer",
    "resetFilter": "Réinitialiser",
    "clearFilter": "Effacer",
    "cancelFilter": "Annuler",
    "columnFilter": "Filtre de colonne",
    "ariaFilterInput": "Saisie du filtre",
    "ariaFilteringOperator": "Opérateur de filtre",
    "ariaColumn": "Colonne",
    "ariaRowSelect": "Appuyez sur Espace pour sélectionner cette ligne",
    "ariaSortableColumn": "Appuyez sur Entrée pour trier",
    "ariaFilterColumnsInput": "Saisie du filtre des colonnes",
    "ariaMenuColumn": "Appuyez sur Alt+Bas pour ouvrir le menu de colonne",
    "sortAscending": "Tri croissant",
    "sortDescending": "Tri décroissant",
    "sortUnSort": "Annuler le tri",
}


def grid_text(lang: str) -> dict:
    """`localeText` for a grid in `lang` ({} in English)."""
    return FRENCH if lang == "fr" else {}
