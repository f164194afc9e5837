"""The tables of an ikmpolicy dataset, declared once.

Every table is a CSV file in a data folder (``<table>.csv``) or a sheet of one Excel workbook
(sheet name = table name). A :class:`Table` lists its columns with their type, whether a value is
required, allowed values, ranges, references to other tables and whether the column holds
personal data. Validation (``ikmpolicy.io``) reads these declarations; nothing about a table's
shape is written anywhere else.

Two kinds of tables:

* reference tables, which make the tool serve another sector or city without code changes
  (``sources``, ``helix_models``, ``helix_assignment``, ``sub_types``, ``sub_sectors``,
  ``indicators``, ``codebook``, ``interventions``, ``intervention_effects``,
  ``intervention_prerequisites``, ``publisher``);
* evidence tables (``fgd_sessions``, ``stakeholders``, ``participation``, ``statements``,
  ``commitments``, ``firms``, ``assessments``, ``buyer_requirements``, ``pairwise``).

``assessments`` and ``buyer_requirements`` are wide: besides their fixed columns they hold one
column per indicator declared in ``indicators``; those columns are added at validation time with
the indicator's own scale (see :func:`indicator_columns`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

#: Column types understood by the validator.
#: ``partial_date`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (checked against a precision column),
#: ``list`` is several values separated by ``;``, ``fraction`` accepts ``3``, ``0.333`` or ``1/3``.
COLUMN_TYPES = ("str", "int", "float", "bool", "date", "partial_date", "list", "fraction", "url")

DATE_PRECISIONS = ("day", "month", "year", "unknown")
#: How a partial date is written at each precision: (pattern, shape shown to the user).
PARTIAL_DATE_FORMATS = {
    "day": (r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD"),
    "month": (r"\d{4}-\d{2}", "YYYY-MM"),
    "year": (r"\d{4}", "YYYY"),
}
#: Spellings of true and false in a ``bool`` column (compared in lower case).
BOOLEAN_TRUE = ("true", "ya", "yes", "y", "1", "benar")
BOOLEAN_FALSE = ("false", "tidak", "no", "n", "0", "salah")
CLASSIC_HELICES = ("academia", "business", "community", "government", "media")
#: Certificates and licences a buyer can ask for; each is a ``has_<id>`` column of ``firms``.
CERTIFICATES = ("nib", "sni", "iso9001")


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Parameters
    ----------
    name : str
        Header as it appears in the file.
    type : str
        One of :data:`COLUMN_TYPES`.
    required : bool
        An empty cell is an error when True.
    allowed : tuple of str, optional
        Fixed allowed values (for ``str`` and each item of ``list``).
    ref : str, optional
        ``"table.column"`` that every value (or list item) must exist in.
    min, max : float, optional
        Inclusive range for numbers and fractions.
    personal : bool
        Personal data of a private person: never shown in a brief unless the analyst opts in.
    description : str
        What the column means, shown in the Excel template.
    """

    name: str
    type: str = "str"
    required: bool = True
    allowed: tuple[str, ...] | None = None
    ref: str | None = None
    min: float | None = None
    max: float | None = None
    personal: bool = False
    description: str = ""

    def __post_init__(self) -> None:
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"column {self.name!r}: unknown type {self.type!r}")

    def expectation(self) -> str:
        """Describe in words what a valid value looks like (used in error messages)."""
        words = {
            "str": "text",
            "int": "a whole number",
            "float": "a number",
            "bool": "true/false (also ya/tidak, yes/no, 1/0)",
            "date": "a date YYYY-MM-DD (also DD/MM/YYYY or an Excel date)",
            "partial_date": "a date YYYY-MM-DD, YYYY-MM or YYYY matching its precision",
            "list": "values separated by ';'",
            "fraction": "a number or a fraction such as 1/3",
            "url": "an address starting with http:// or https://",
        }[self.type]
        if self.allowed:
            words += " from: " + ", ".join(self.allowed)
        if self.min is not None and self.max is not None:
            words += f" between {self.min:g} and {self.max:g}"
        elif self.min is not None:
            words += f" of at least {self.min:g}"
        elif self.max is not None:
            words += f" of at most {self.max:g}"
        if self.ref:
            words += f" that exists in {self.ref}"
        return words


@dataclass(frozen=True)
class Table:
    """A table: its columns, its key and its meaning."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str = ""
    #: whether the table may be absent from a dataset (then it is empty)
    optional: bool = False
    #: cross-column checks by name, run by the validator (see ``ikmpolicy.validate``)
    checks: tuple[str, ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"table {self.name!r} has no column {name!r}")

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def personal_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.personal]


_SOURCE = Column(
    "source_id", ref="sources.source_id", description="Where the row comes from (sources table)"
)

TABLES: dict[str, Table] = {}


def _table(table: Table) -> Table:
    TABLES[table.name] = table
    return table


_table(Table(
    "sources",
    (
        Column("source_id", description="Short id of a source"),
        Column("publisher", description="Publisher of the article or owner of the data"),
        Column("title", description="Title as published"),
        Column("date_text", required=False, description="Date of the event as the source says"),
        Column("url", "url", required=False, description="Address of the source"),
        Column("seed_file", required=False, description="Copy of the article in the project"),
        Column("synthetic", "bool", description="True when the source is this project's generator"),
    ),
    key=("source_id",),
    description="Articles and generators that rows cite.",
))

_table(Table(
    "helix_models",
    (
        Column("model", description="Id of a helix model, e.g. classic or cilegon"),
        Column("helix", description="Id of a helix within the model"),
        Column("label_id", description="Name in Bahasa Indonesia"),
        Column("label_en", description="Name in English"),
        Column("role_id", required=False, description="Role of the helix (Bahasa Indonesia)"),
        Column("role_en", required=False, description="Role of the helix (English)"),
        Column("order", "int", min=0, description="Display order"),
        Column("source_id", required=False, ref="sources.source_id"),
    ),
    key=("model", "helix"),
    description="Helix models: the classic pentahelix and regional variants, with roles.",
    checks=("classic_model",),
))

_table(Table(
    "sub_types",
    (
        Column("sub_type", description="Id of an organisation type"),
        Column("label_id"),
        Column("label_en"),
        Column("classic_helix", allowed=CLASSIC_HELICES, description="Helix in the classic model"),
    ),
    key=("sub_type",),
    description="Kinds of organisation (ministry unit, city office, large industry, IKM, ...).",
))

_table(Table(
    "helix_assignment",
    (
        Column("model", ref="helix_models.model"),
        Column("sub_type", ref="sub_types.sub_type"),
        Column("helix", description="Helix of that model the sub-type belongs to"),
    ),
    key=("model", "sub_type"),
    description=(
        "How organisation types map onto a helix model's helices where the classic helix "
        "does not apply (e.g. Cilegon's model splits business into IKM and large industry)."
    ),
    checks=("helix_in_model",),
))

_table(Table(
    "sub_sectors",
    (
        Column("sub_sector", description="Id of a sub-sector"),
        Column("label_id"),
        Column("label_en"),
        Column("kbli", "list", description="KBLI 2020 codes (5 digits) of the sub-sector"),
        Column("sector", description="Sector, e.g. logam (metal)"),
    ),
    key=("sub_sector",),
    description="IKM sub-sectors with their KBLI 2020 codes.",
))

_table(Table(
    "indicators",
    (
        Column("indicator", description="Id; also the column name in assessments"),
        Column("dimension", description="Readiness dimension the indicator measures"),
        Column("label_id"),
        Column("label_en"),
        Column("scale_min", "float", description="Lowest possible value"),
        Column("scale_max", "float", description="Highest possible value"),
        Column("direction", "int", allowed=None, min=-1, max=1,
               description="+1 when higher is better, -1 when higher is worse"),
        Column("goal_low", "float", required=False, description="Lower goalpost"),
        Column("goal_high", "float", required=False, description="Upper goalpost"),
        Column("target", "float", required=False, description="Target value"),
        Column("weight", "float", required=False, min=0, description="Weight (empty = equal)"),
        Column("unit", required=False),
        _SOURCE,
    ),
    key=("indicator",),
    description="Readiness indicators: dimension, scale, direction, goalposts and weight.",
    checks=("indicator_scale",),
))

_table(Table(
    "codebook",
    (
        Column("code", description="Id of a theme (lower-case letters, digits, '_')"),
        Column("label_id"),
        Column("label_en"),
        Column("definition_id", description="What the theme covers (Bahasa Indonesia)"),
        Column("definition_en"),
        Column("keywords", "list", description="Indonesian keywords or phrases, ';'-separated"),
        Column("source_ids", "list", required=False, ref="sources.source_id",
               description="Sources that raise the theme"),
    ),
    key=("code",),
    description="Themes for coding FGD statements, with definitions and keywords.",
    optional=True,
    checks=("codebook_usable",),
))

_table(Table(
    "fgd_sessions",
    (
        Column("session_id", description="Id of the FGD or event (also its report folder)"),
        Column("title", description="Title as published"),
        Column("date", "partial_date", required=False,
               description="Start date as the source gives it"),
        Column("date_precision", allowed=DATE_PRECISIONS),
        Column("date_text", required=False, description="What the source says about the date"),
        Column("end_date", "date", required=False),
        Column("venue", required=False),
        Column("city"),
        Column("organiser", required=False, ref="stakeholders.org_id"),
        Column("kind", allowed=("fgd", "partnership_meeting", "study_visit", "monitoring")),
        Column("participants", "int", required=False, min=0, description="Participant count"),
        _SOURCE,
        Column("sources_other", "list", required=False, ref="sources.source_id",
               description="Further sources for the same session"),
    ),
    key=("session_id",),
    description="FGDs and related events.",
    checks=("date_precision", "safe_session_id"),
))

_table(Table(
    "stakeholders",
    (
        Column("org_id"),
        Column("name", description="Organisation name (not a private person)"),
        Column("helix", allowed=CLASSIC_HELICES, description="Helix in the classic pentahelix"),
        Column("sub_type", ref="sub_types.sub_type"),
        Column("level", allowed=("national", "province", "city", "other")),
        Column("city", required=False),
        Column("power", "float", required=False, min=0, max=5, description="Power score 0-5"),
        Column("interest", "float", required=False, min=0, max=5, description="Interest 0-5"),
        _SOURCE,
        Column("scores_source", required=False, ref="sources.source_id",
               description="Where the power and interest scores come from"),
    ),
    key=("org_id",),
    description="Organisations in the pentahelix.",
    checks=("helix_matches_sub_type",),
))

_table(Table(
    "participation",
    (
        Column("session_id", ref="fgd_sessions.session_id"),
        Column("org_id", ref="stakeholders.org_id"),
        Column("role", allowed=("organiser", "co_organiser", "opening", "speaker",
                                "participant", "partner", "host", "exhibitor")),
        Column("people", "int", required=False, min=0, description="Number of people sent"),
        _SOURCE,
    ),
    key=("session_id", "org_id", "role"),
    description="Who took part in which session, in which role.",
))

_table(Table(
    "statements",
    (
        Column("statement_id"),
        Column("session_id", ref="fgd_sessions.session_id"),
        Column("org_id", ref="stakeholders.org_id"),
        Column("speaker_office", description="Office of the speaker, never a private name"),
        Column("kind", allowed=("position", "commitment", "request", "observation")),
        Column("quote", "bool", description="True for a direct quote, false for a paraphrase"),
        Column("text", description="What was said (Bahasa Indonesia)"),
        _SOURCE,
        Column("code_human_1", "list", required=False, ref="codebook.code",
               description="Themes given by the first human coder (';'-separated)"),
        Column("code_human_2", "list", required=False, ref="codebook.code",
               description="Themes given by the second human coder"),
    ),
    key=("statement_id",),
    description="What an actor said at a session.",
))

_table(Table(
    "commitments",
    (
        Column("commitment_id"),
        Column("session_id", ref="fgd_sessions.session_id"),
        Column("org_id", ref="stakeholders.org_id"),
        Column("partner_ids", "list", required=False, ref="stakeholders.org_id",
               description="Other organisations the commitment involves"),
        Column("text", description="What was committed (Bahasa Indonesia)"),
        Column("theme", ref="codebook.code"),
        Column("due_date", "partial_date", required=False),
        Column("due_precision", allowed=DATE_PRECISIONS),
        Column("status", allowed=("planned", "in_progress", "done", "unknown")),
        Column("status_note", required=False),
        _SOURCE,
        Column("intervention_id", required=False, ref="interventions.intervention_id",
               description="Programme of the catalogue the commitment takes up"),
    ),
    key=("commitment_id",),
    description="Who committed to what, at which session.",
    checks=("due_precision", "ledger_readable"),
))

_table(Table(
    "firms",
    (
        Column("firm_id"),
        Column("business_name", required=False),
        Column("kbli", description="KBLI 2020 code, 5 digits"),
        Column("sub_sector", ref="sub_sectors.sub_sector"),
        Column("workforce", "int", min=1, max=99, description="Workers (IKM: fewer than 100)"),
        Column("revenue_idr", "float", min=0, description="Yearly revenue in rupiah"),
        Column("founded", "int", min=1900, max=2100),
        Column("district", description="Kecamatan"),
        Column("has_nib", "bool", description="Holds a business id number (NIB)"),
        Column("has_sni", "bool", description="Holds an SNI product certificate"),
        Column("has_iso9001", "bool", description="Holds ISO 9001 certification"),
        Column("capacity_yearly", "float", required=False, min=0,
               description="Output the firm can make in a year (empty = unknown)"),
        Column("capacity_unit", required=False,
               description="Unit of capacity_yearly, as in buyer_requirements.volume_unit"),
        Column("owner_name", required=False, personal=True),
        Column("owner_phone", required=False, personal=True),
        Column("synthetic", "bool", description="True when the row was generated"),
        _SOURCE,
    ),
    key=("firm_id",),
    description="The IKM surveyed.",
    checks=("kbli_code",),
))

_table(Table(
    "assessments",
    (
        Column("firm_id", ref="firms.firm_id"),
        Column("assessment_date", "date"),
        Column("assessor", required=False),
        Column("synthetic", "bool"),
        _SOURCE,
    ),
    key=("firm_id", "assessment_date"),
    description="One row per firm and date; one column per indicator (see indicators).",
))

_table(Table(
    "buyer_requirements",
    (
        Column("requirement_id"),
        Column("buyer_id", ref="stakeholders.org_id"),
        Column("product", description="Product category"),
        Column("kbli", "list", description="KBLI 2020 codes that can supply it"),
        Column("certificates", "list", required=False, allowed=CERTIFICATES,
               description="Certificates required"),
        Column("yearly_volume", "float", min=0),
        Column("volume_unit"),
        Column("max_suppliers", "int", required=False, min=1,
               description="Most IKM suppliers the buyer would take (empty = no limit)"),
        Column("synthetic", "bool"),
        _SOURCE,
    ),
    key=("requirement_id",),
    description="What a large buyer needs; one column per indicator holds its minimum level.",
))

_table(Table(
    "interventions",
    (
        Column("intervention_id"),
        Column("name_id"),
        Column("name_en"),
        Column("owner_helix", allowed=CLASSIC_HELICES),
        Column("owner_id", required=False, ref="stakeholders.org_id"),
        Column("targets", "list", ref="indicators.indicator",
               description="Indicators the programme improves"),
        Column("unit_cost_idr", "float", min=0, description="Cost per firm served, rupiah"),
        Column("capacity", "int", min=0, description="Firms served per year"),
        Column("months_to_effect", "int", required=False, min=0, max=120,
               description="Months from start until a participating firm shows the effect"),
        Column("delivers", "list", required=False, allowed=CERTIFICATES,
               description="Certificates or licences a participating firm obtains"),
        Column("prereq_certificates", "list", required=False, allowed=CERTIFICATES,
               description="Certificates a firm must hold before it can take part"),
        Column("partner_helices", "list", required=False, allowed=CLASSIC_HELICES,
               description="Helices whose organisations can partner the lead"),
        Column("themes", "list", required=False, ref="codebook.code",
               description="FGD themes the programme answers (codebook)"),
        Column("synthetic", "bool", description="True when cost and capacity were generated"),
        _SOURCE,
        Column("cost_source", required=False, ref="sources.source_id",
               description="Where unit cost, capacity and time to effect come from"),
    ),
    key=("intervention_id",),
    description="Catalogue of programmes named in the sources.",
))

_table(Table(
    "intervention_effects",
    (
        Column("intervention_id", ref="interventions.intervention_id"),
        Column("indicator", ref="indicators.indicator",
               description="Indicator the programme raises for a participating firm"),
        Column("gain_low", "float", min=0, description="Lowest expected gain, scale points"),
        Column("gain_mid", "float", min=0, description="Expected gain, scale points"),
        Column("gain_high", "float", min=0, description="Highest expected gain, scale points"),
        Column("source_id", ref="sources.source_id",
               description="Evaluation the gain comes from, or the assumption source"),
        Column("note", required=False, description="How the figure was read or assumed"),
    ),
    key=("intervention_id", "indicator"),
    description="Expected gain per indicator for a firm that takes part in a programme.",
    optional=True,
    checks=("gain_order", "effect_in_targets"),
))

_table(Table(
    "intervention_prerequisites",
    (
        Column("intervention_id", ref="interventions.intervention_id"),
        Column("indicator", ref="indicators.indicator"),
        Column("min_level", "float", description="Lowest score a firm needs to take part"),
        Column("source_id", ref="sources.source_id"),
    ),
    key=("intervention_id", "indicator"),
    description="Levels a firm must reach before a programme can help it.",
    optional=True,
    checks=("level_in_scale",),
))

_table(Table(
    "publisher",
    (
        Column("publisher_id", description="Id of the issuing office (one row is used)"),
        Column("org_id", ref="stakeholders.org_id", description="The issuing organisation"),
        Column("series_id", description="Series name in Bahasa Indonesia (Risalah Kebijakan)"),
        Column("series_en", description="Series name in English (Policy Brief)"),
        Column("contact", description="Office contact: e-mail, phone or address of the office"),
        Column("region", description="Region the briefs cover, e.g. Kota Cilegon"),
        Column("sector_id", description="Sector in Bahasa Indonesia, e.g. IKM logam"),
        Column("sector_en", description="Sector in English, e.g. metal-working IKM"),
        _SOURCE,
    ),
    key=("publisher_id",),
    description="Who issues the briefs, for which region and sector, and how to reach them.",
    optional=True,
))

_table(Table(
    "pairwise",
    (
        Column("session_id", ref="fgd_sessions.session_id"),
        Column("respondent_id", description="Anonymous respondent code"),
        Column("org_id", ref="stakeholders.org_id"),
        Column("criterion_a", ref="indicators.dimension"),
        Column("criterion_b", ref="indicators.dimension"),
        Column("value", "fraction", min=1 / 9, max=9,
               description="How much more important a is than b (Saaty 1/9..9)"),
        Column("synthetic", "bool"),
        _SOURCE,
    ),
    key=("session_id", "respondent_id", "criterion_a", "criterion_b"),
    description="Pairwise judgements between readiness dimensions from FGD participants.",
    checks=("pair_distinct", "pairwise_reciprocal", "pairwise_connected", "pairwise_readable"),
))

#: Order in which tables are validated: a table comes after every table it references.
TABLE_ORDER: tuple[str, ...] = (
    "sources", "helix_models", "sub_types", "helix_assignment", "sub_sectors", "indicators",
    "codebook", "stakeholders", "publisher", "fgd_sessions", "participation", "statements",
    "interventions", "intervention_effects", "intervention_prerequisites", "commitments",
    "firms", "assessments", "buyer_requirements", "pairwise",
)

#: Tables whose columns are extended by one column per indicator.
WIDE_TABLES = ("assessments", "buyer_requirements")


def indicator_columns(table: str, indicators: pd.DataFrame) -> tuple[Column, ...]:
    """The per-indicator columns of a wide table, with each indicator's own scale.

    Parameters
    ----------
    table : str
        ``"assessments"`` (scores, may be empty = missing) or ``"buyer_requirements"`` (minimum
        level, empty = no requirement).
    indicators : pandas.DataFrame
        The validated ``indicators`` table.

    Examples
    --------
    >>> ind = pd.DataFrame({"indicator": ["q"], "label_en": ["Quality"], "scale_min": [1.0],
    ...                     "scale_max": [5.0]})
    >>> indicator_columns("assessments", ind)[0].expectation()
    'a number between 1 and 5'
    """
    if table not in WIDE_TABLES:
        raise ValueError(f"{table!r} has no indicator columns")
    return tuple(
        Column(
            row.indicator, "float", required=False, min=float(row.scale_min),
            max=float(row.scale_max), description=str(row.label_en),
        )
        for row in indicators.itertuples(index=False)
    )


def table_columns(table: str, indicators: pd.DataFrame | None = None) -> tuple[Column, ...]:
    """All columns of a table, including the indicator columns of a wide table."""
    cols = TABLES[table].columns
    if table in WIDE_TABLES and indicators is not None:
        cols = cols + indicator_columns(table, indicators)
    return cols
