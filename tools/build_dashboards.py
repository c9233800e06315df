#!/usr/bin/env python3
"""Write the spreadsheet dashboards of odoo_mentorship_reports.

Community has no spreadsheet editor: the dashboards are this script's output, in the
JSON of Odoo 18's o-spreadsheet (version 22, odooVersion 12), the shape of the files
of Odoo's spreadsheet_dashboard_* modules. Change a dashboard here and run

    python3 tools/build_dashboards.py

The labels are English, inside ``_t("...")`` formulas, chart titles and filter labels:
Odoo extracts them from ``data/files/*_dashboard.json`` into the addon's .pot (as
JavaScript terms) and the web client translates them. Every figure is an Odoo pivot
cell, list cell or chart: a click opens the records it counts.
"""

import json
import uuid
from pathlib import Path

OUT = (
    Path(__file__).resolve().parent.parent
    / "odoo_mentorship_reports"
    / "data"
    / "files"
)
NAMESPACE = uuid.UUID("6f1d3c2e-8a54-4c1b-9a0e-2b7d5e4f1a90")
COLUMNS = "ABCDEFGHIJ"
COL_WIDTH = 112
ROW_HEIGHT = 23  # o-spreadsheet's default row height

ACTIONS = {
    "mentorship.pair": "odoo_mentorship.mentorship_pair_action",
    "mentorship.meeting": "odoo_mentorship.mentorship_meeting_action",
    "mentorship.mentee": "odoo_mentorship.mentorship_mentee_action",
    "mentorship.mentor": "odoo_mentorship.mentorship_mentor_action",
    "mentorship.roadmap.activity": "odoo_mentorship.mentorship_roadmap_activity_action",
    "mentorship.kpi.value": "odoo_mentorship.mentorship_kpi_value_action",
}
# who still has to give a consent (an anonymised person has nothing left to give)
NO_CONSENT = [["has_valid_consent", "=", False], ["is_anonymized", "=", False]]
# the indicators of the current year, for the schools (the district's own totals apart)
KPI_DOMAIN = '[("is_district", "=", False), ("year", "=", context_today().year)]'

STYLES = {
    "title": {"textColor": "#01666b", "bold": True, "fontSize": 16},
    "header": {"textColor": "#434343", "fontSize": 11, "bold": True},
    "header_right": {
        "textColor": "#434343",
        "fontSize": 11,
        "bold": True,
        "align": "right",
    },
    "header_wrap": {
        "textColor": "#434343",
        "bold": True,
        "align": "right",
        "verticalAlign": "bottom",
        "wrapping": "wrap",
    },
    "tile_label": {
        "textColor": "#434343",
        "fontSize": 11,
        "bold": True,
        "align": "center",
        "verticalAlign": "bottom",
        "fillColor": "#f8f9fa",
    },
    "tile_value": {
        "textColor": "#01666b",
        "fontSize": 22,
        "bold": True,
        "align": "center",
        "verticalAlign": "middle",
        "fillColor": "#f8f9fa",
    },
    "tile_alert": {
        "textColor": "#c0392b",
        "fontSize": 22,
        "bold": True,
        "align": "center",
        "verticalAlign": "middle",
        "fillColor": "#f8f9fa",
    },
    "body": {"textColor": "#434343", "verticalAlign": "middle"},
    "plan": {"textColor": "#434343", "italic": True, "verticalAlign": "middle"},
    "district": {"textColor": "#01666b", "bold": True, "verticalAlign": "middle"},
}
BORDERS = {
    "title": {"bottom": {"style": "thin", "color": "#B7B7B7"}},
    "tile": {
        "left": {"style": "thick", "color": "#FFFFFF"},
        "right": {"style": "thick", "color": "#FFFFFF"},
    },
}
FORMATS = {"percent": "0.0"}


def _t(text):
    return "=_t(" + json.dumps(text, ensure_ascii=False) + ")"


class Dashboard:
    def __init__(self, key):
        self.key = key
        self.cells, self.styles, self.borders, self.formats = {}, {}, {}, {}
        self.rows, self.merges, self.figures = {}, [], []
        self.pivots, self.lists, self.filters = {}, {}, []
        self.company_filter = None

    def uuid(self, name):
        return str(uuid.uuid5(NAMESPACE, f"{self.key}/{name}"))

    # data sources -------------------------------------------------------------

    def _matching(self, model, date_field=None):
        matching = {}
        for gfilter in self.filters:
            if gfilter["type"] == "relation" and model != "res.company":
                matching[gfilter["id"]] = {"chain": "company_id", "type": "many2one"}
            elif gfilter["type"] == "date" and date_field:
                matching[gfilter["id"]] = {
                    "chain": date_field,
                    "type": "datetime",
                    "offset": 0,
                }
        return matching

    def pivot(self, name, model, domain, rows=(), columns=(), measures=("__count",)):
        pivot_id = str(len(self.pivots) + 1)
        self.pivots[pivot_id] = {
            "type": "ODOO",
            "fieldMatching": self._matching(model),
            "context": {},
            "domain": domain,
            "id": pivot_id,
            "measures": [{"id": measure, "fieldName": measure} for measure in measures],
            "model": model,
            "name": name,
            "formulaId": pivot_id,
            "columns": [{"fieldName": field} for field in columns],
            "rows": [{"fieldName": field} for field in rows],
            "actionXmlId": ACTIONS[model],
        }
        return int(pivot_id)

    def list(self, name, model, domain, columns, order):
        list_id = str(len(self.lists) + 1)
        self.lists[list_id] = {
            "columns": list(columns),
            "domain": domain,
            "model": model,
            "context": {},
            "orderBy": [{"name": field, "asc": asc} for field, asc in order],
            "id": list_id,
            "name": name,
            "fieldMatching": self._matching(model),
            "actionXmlId": ACTIONS[model],
        }
        return int(list_id)

    def chart(
        self,
        name,
        model,
        domain,
        group_by,
        mode,
        x,
        y,
        width,
        height,
        stacked=False,
        date_field=None,
        legend="none",
    ):
        figure_id = self.uuid(name)
        data = {
            "title": {"text": ""},
            "background": "#FFFFFF",
            "legendPosition": legend,
            "metaData": {
                "groupBy": list(group_by),
                "measure": "__count",
                "order": None,
                "resModel": model,
                "mode": mode,
            },
            "searchParams": {
                "comparison": None,
                "context": {},
                "domain": domain,
                "groupBy": list(group_by),
                "orderBy": [],
            },
            "type": f"odoo_{mode}",
            "verticalAxisPosition": "left",
            "stacked": stacked,
            "fieldMatching": self._matching(model, date_field),
            "actionXmlId": ACTIONS[model],
        }
        if mode == "line":
            data["fillArea"] = not stacked and len(group_by) == 1
        self.figures.append(
            {
                "id": figure_id,
                "x": x,
                "y": y,
                "width": width,
                "height": height,
                "tag": "chart",
                "data": data,
            }
        )

    # cells --------------------------------------------------------------------

    def set(self, xc, content, style=None, fmt=None, border=None):
        self.cells[xc] = {"content": content}
        if style:
            self.styles[xc] = style
        if fmt:
            self.formats[xc] = fmt
        if border:
            self.borders[xc] = border

    def row_size(self, row, size):
        self.rows[str(row - 1)] = {"size": size}

    def top(self, row):
        """The y of the top of a row (1-based), in pixels."""
        return sum(
            self.rows.get(str(index), {}).get("size", ROW_HEIGHT)
            for index in range(row - 1)
        )

    def title(self, xc, text, width):
        row = int(xc[1:])
        self.set(xc, _t(text), "title")
        start = COLUMNS.index(xc[0])
        for col in COLUMNS[start : start + width]:
            self.borders[f"{col}{row}"] = "title"
            if f"{col}{row}" != xc:
                self.styles[f"{col}{row}"] = "title"

    def tiles(self, tiles, row=1):
        """Label and figure, each tile two columns wide."""
        self.row_size(row, 32)
        self.row_size(row + 1, 52)
        for index, (label, pivot_id, alert) in enumerate(tiles):
            first, second = COLUMNS[2 * index], COLUMNS[2 * index + 1]
            self.merges += [
                f"{first}{row}:{second}{row}",
                f"{first}{row + 1}:{second}{row + 1}",
            ]
            self.set(f"{first}{row}", _t(label), "tile_label", border="tile")
            self.set(
                f"{first}{row + 1}",
                f'=PIVOT.VALUE({pivot_id},"__count")',
                "tile_alert" if alert else "tile_value",
                border="tile",
            )
            for xc, style in (
                (f"{second}{row}", "tile_label"),
                (f"{second}{row + 1}", self.styles[f"{first}{row + 1}"]),
            ):
                self.styles[xc] = style
                self.borders[xc] = "tile"

    # output -------------------------------------------------------------------

    def data(self, row_number):
        style_ids = {name: str(index) for index, name in enumerate(STYLES, 1)}
        border_ids = {name: str(index) for index, name in enumerate(BORDERS, 1)}
        format_ids = {name: str(index) for index, name in enumerate(FORMATS, 1)}
        sheet = {
            "id": self.uuid("sheet"),
            "name": "Dashboard",
            "colNumber": len(COLUMNS),
            "rowNumber": row_number,
            "rows": dict(sorted(self.rows.items(), key=lambda item: int(item[0]))),
            "cols": {str(index): {"size": COL_WIDTH} for index in range(len(COLUMNS))},
            "merges": self.merges,
            "cells": dict(
                sorted(
                    self.cells.items(), key=lambda item: (item[0][0], int(item[0][1:]))
                )
            ),
            "styles": {
                xc: int(style_ids[name]) for xc, name in sorted(self.styles.items())
            },
            "formats": {
                xc: int(format_ids[name]) for xc, name in sorted(self.formats.items())
            },
            "borders": {
                xc: int(border_ids[name]) for xc, name in sorted(self.borders.items())
            },
            "conditionalFormats": [],
            "figures": self.figures,
            "tables": [],
            "areGridLinesVisible": False,
            "isVisible": True,
            "headerGroups": {"ROW": [], "COL": []},
            "dataValidationRules": [],
            "comments": {},
        }
        return {
            "version": 22,
            "sheets": [sheet],
            "styles": {style_ids[name]: style for name, style in STYLES.items()},
            "formats": {format_ids[name]: fmt for name, fmt in FORMATS.items()},
            "borders": {border_ids[name]: border for name, border in BORDERS.items()},
            "revisionId": "START_REVISION",
            "uniqueFigureIds": True,
            "settings": {},
            "pivots": self.pivots,
            "pivotNextId": len(self.pivots) + 1,
            "customTableStyles": {},
            "odooVersion": 12,
            "globalFilters": self.filters,
            "lists": self.lists,
            "listNextId": len(self.lists) + 1,
            "chartOdooMenusReferences": {},
        }


def period_filter(dashboard):
    dashboard.filters.append(
        {
            "id": dashboard.uuid("filter/period"),
            "type": "date",
            "label": "Meetings: period",
            "defaultValue": "last_three_months",
            "rangeType": "relative",
        }
    )


def attention_tiles(dashboard):
    """The five tiles over both dashboards: the figures that ask for action."""
    return dashboard.tiles(
        [
            (
                "Pairs in progress",
                dashboard.pivot(
                    "Pairs in progress", "mentorship.pair", [["state", "=", "working"]]
                ),
                False,
            ),
            (
                "Behind their rhythm",
                dashboard.pivot(
                    "Pairs behind their rhythm",
                    "mentorship.pair",
                    [["is_behind_rhythm", "=", True]],
                ),
                True,
            ),
            (
                "Mentees without consent",
                dashboard.pivot(
                    "Mentees without consent", "mentorship.mentee", NO_CONSENT
                ),
                True,
            ),
            (
                "Mentors without consent",
                dashboard.pivot(
                    "Mentors without consent", "mentorship.mentor", NO_CONSENT
                ),
                True,
            ),
            (
                "Overdue items",
                dashboard.pivot(
                    "Overdue roadmap items",
                    "mentorship.roadmap.activity",
                    [["is_overdue", "=", True]],
                ),
                True,
            ),
        ]
    )


def director():
    """One school (the companies selected in the switcher): the director's."""
    board = Dashboard("director")
    period_filter(board)
    attention_tiles(board)
    half = 5 * COL_WIDTH
    # pipeline and meetings
    board.row_size(4, 40)
    board.title("A4", "Pairs by stage", 5)
    board.title("F4", "Meetings per week", 5)
    for row in range(5, 17):
        board.row_size(row, 25)
    y, height = board.top(5) + 4, 12 * 25 - 8
    board.chart(
        "Pairs by stage",
        "mentorship.pair",
        [],
        ["stage_id"],
        "bar",
        0,
        y,
        half - 8,
        height,
    )
    board.chart(
        "Meetings per week",
        "mentorship.meeting",
        [],
        ["date_start:week"],
        "bar",
        half + 8,
        y,
        half - 8,
        height,
        date_field="date_start",
    )
    # who needs a nudge
    board.row_size(18, 40)
    board.title("A18", "Pairs behind their rhythm", 5)
    board.title("F18", "Overdue roadmap items", 5)
    board.set("A19", _t("Pair"), "header")
    board.set("D19", _t("Last meeting"), "header")
    board.set("F19", _t("Roadmap item"), "header")
    board.set("J19", _t("Deadline"), "header")
    behind = board.list(
        "Pairs behind their rhythm",
        "mentorship.pair",
        [["is_behind_rhythm", "=", True]],
        ["name", "last_meeting_date", "date_start"],
        [("last_meeting_date", True)],
    )
    overdue = board.list(
        "Overdue roadmap items",
        "mentorship.roadmap.activity",
        [["is_overdue", "=", True]],
        ["name", "deadline", "roadmap_id"],
        [("deadline", True)],
    )
    for position in range(1, 11):
        row = 19 + position
        board.row_size(row, 25)
        board.set(f"A{row}", f'=ODOO.LIST({behind},{position},"name")', "body")
        board.set(
            f"D{row}", f'=ODOO.LIST({behind},{position},"last_meeting_date")', "body"
        )
        board.set(f"F{row}", f'=ODOO.LIST({overdue},{position},"name")', "body")
        board.set(f"J{row}", f'=ODOO.LIST({overdue},{position},"deadline")', "body")
    # indicators
    board.row_size(31, 40)
    board.title("A31", "Indicators this year: plan vs fact", 10)
    kpi = board.pivot(
        "Indicators: plan vs fact",
        "mentorship.kpi.value",
        KPI_DOMAIN,
        rows=["indicator_id"],
        measures=("target", "value"),
    )
    board.set("A32", _t("Indicator"), "header")
    board.set("I32", _t("Plan, %"), "header_right")
    board.set("J32", _t("Fact, %"), "header_right")
    for position in range(1, 8):
        row = 32 + position
        board.row_size(row, 25)
        board.set(f"A{row}", f'=PIVOT.HEADER({kpi},"#indicator_id",{position})', "body")
        board.set(
            f"I{row}",
            f'=PIVOT.VALUE({kpi},"target","#indicator_id",{position})',
            "body",
            "percent",
        )
        board.set(
            f"J{row}",
            f'=PIVOT.VALUE({kpi},"value","#indicator_id",{position})',
            "body",
            "percent",
        )
    return board.data(row_number=42)


SCHOOLS = 30  # rows kept for the schools of a district in the indicators table


def coordinator():
    """Every school the coordinator reads, school by school."""
    board = Dashboard("coordinator")
    period_filter(board)
    board.filters.append(
        {
            "id": board.uuid("filter/school"),
            "type": "relation",
            "label": "School",
            "modelName": "res.company",
            "defaultValue": [],
            "defaultValueDisplayNames": [],
            "rangeType": "year",
        }
    )
    attention_tiles(board)
    half = 5 * COL_WIDTH
    board.row_size(4, 40)
    board.title("A4", "Pairs by stage, per school", 5)
    board.title("F4", "Meetings per week, per school", 5)
    for row in range(5, 17):
        board.row_size(row, 25)
    y, height = board.top(5) + 4, 12 * 25 - 8
    board.chart(
        "Pairs by stage, per school",
        "mentorship.pair",
        [],
        ["company_id", "stage_id"],
        "bar",
        0,
        y,
        half - 8,
        height,
        stacked=True,
        legend="top",
    )
    board.chart(
        "Meetings per week, per school",
        "mentorship.meeting",
        [],
        ["date_start:week", "company_id"],
        "line",
        half + 8,
        y,
        half - 8,
        height,
        date_field="date_start",
        legend="top",
    )
    # what asks for action, per school
    board.row_size(18, 40)
    board.title("A18", "Pairs behind their rhythm", 5)
    board.title("F18", "Overdue roadmap items", 5)
    board.row_size(29, 40)
    board.title("A29", "Mentees without consent", 5)
    board.title("F29", "Mentors without consent", 5)
    for row in [*range(19, 28), *range(30, 39)]:
        board.row_size(row, 25)
    small = 9 * 25 - 8
    for name, model, domain, x, row in [
        (
            "Pairs behind their rhythm, per school",
            "mentorship.pair",
            [["is_behind_rhythm", "=", True]],
            0,
            19,
        ),
        (
            "Overdue roadmap items, per school",
            "mentorship.roadmap.activity",
            [["is_overdue", "=", True]],
            half + 8,
            19,
        ),
        ("Mentees without consent, per school", "mentorship.mentee", NO_CONSENT, 0, 30),
        (
            "Mentors without consent, per school",
            "mentorship.mentor",
            NO_CONSENT,
            half + 8,
            30,
        ),
    ]:
        board.chart(
            name,
            model,
            domain,
            ["company_id"],
            "bar",
            x,
            board.top(row) + 4,
            half - 8,
            small,
        )
    # indicators: the district's plan and fact, then each school's fact
    board.row_size(40, 40)
    board.title("A40", "Indicators this year: plan vs fact, per school", 10)
    kpi = board.pivot(
        "Indicators per school",
        "mentorship.kpi.value",
        KPI_DOMAIN,
        rows=["company_id"],
        columns=["indicator_id"],
        measures=("value",),
    )
    district = board.pivot(
        "Indicators of the district",
        "mentorship.kpi.value",
        KPI_DOMAIN,
        columns=["indicator_id"],
        measures=("target", "value"),
    )
    board.row_size(41, 135)
    board.set("A41", _t("School"), "header")
    board.set("A42", _t("Plan, %"), "plan")
    board.set("A43", _t("District, fact, %"), "district")
    for index, col in enumerate(COLUMNS[3:], 1):
        board.set(
            f"{col}41", f'=PIVOT.HEADER({kpi},"#indicator_id",{index})', "header_wrap"
        )
        board.set(
            f"{col}42",
            f'=PIVOT.VALUE({district},"target","#indicator_id",{index})',
            "plan",
            "percent",
        )
        board.set(
            f"{col}43",
            f'=PIVOT.VALUE({district},"value","#indicator_id",{index})',
            "district",
            "percent",
        )
    for position in range(1, SCHOOLS + 1):
        row = 43 + position
        board.row_size(row, 25)
        board.set(f"A{row}", f'=PIVOT.HEADER({kpi},"#company_id",{position})', "body")
        for index, col in enumerate(COLUMNS[3:], 1):
            board.set(
                f"{col}{row}",
                f'=PIVOT.VALUE({kpi},"value","#company_id",{position},"#indicator_id",{index})',
                "body",
                "percent",
            )
    return board.data(row_number=43 + SCHOOLS + 2)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in (("director", director), ("coordinator", coordinator)):
        path = OUT / f"mentorship_{name}_dashboard.json"
        path.write_text(
            json.dumps(build(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
