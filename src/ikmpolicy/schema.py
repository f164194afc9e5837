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
#: How an amount in rupiah may be written (see ikmpolicy.io.parse_rupiah).
RUPIAH_EXAMPLES = "600000000, 600.000.000, Rp600.000.000,-, Rp1,2 miliar or 350 juta (jt)"
#: Spellings of true and false in a ``bool`` column (compared in lower case).
BOOLEAN_TRUE = ("true", "ya", "yes", "y", "1", "benar", "sudah")
BOOLEAN_FALSE = ("false", "tidak", "no", "n", "0", "salah", "belum")
CLASSIC_HELICES = ("academia", "business", "community", "government", "media")
#: Certificates and licences a buyer can ask for; each is a ``has_<id>`` column of ``firms``.
CERTIFICATES = ("nib", "sni", "iso9001")
#: Direction of a readiness indicator: +1 when higher is better, -1 when higher is worse.
INDICATOR_DIRECTIONS = (1, -1)
#: Status of a commitment in the ``commitments`` table.
COMMITMENT_STATUSES = ("planned", "in_progress", "done", "unknown")


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
        Personal data of a private person: never shown in a brief unless the analyst opts in,
        never shown in a message.
    rupiah : bool
        An amount in rupiah (type ``float``): also read as people write one, "Rp600.000.000",
        "Rp1,2 miliar", "350 juta" (see :func:`ikmpolicy.io.parse_rupiah`).
    description, description_id : str
        What the column means, in English and in Bahasa Indonesia (the Excel template and the
        data dictionary show them).
    """

    name: str
    type: str = "str"
    required: bool = True
    allowed: tuple[str, ...] | None = None
    ref: str | None = None
    min: float | None = None
    max: float | None = None
    personal: bool = False
    rupiah: bool = False
    description: str = ""
    #: what the column means, in Bahasa Indonesia (template and data dictionary)
    description_id: str = ""

    def __post_init__(self) -> None:
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"column {self.name!r}: unknown type {self.type!r}")

    def expectation(self) -> str:
        """Describe in words what a valid value looks like (used in error messages)."""
        words = {
            "str": "text",
            "int": "a whole number",
            "float": "an amount in rupiah (" + RUPIAH_EXAMPLES + ")" if self.rupiah else "a number",
            "bool": "true/false (also ya/tidak, sudah/belum, yes/no, 1/0)",
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
    #: cross-column checks by name, registered in :mod:`ikmpolicy.validation.checks`
    checks: tuple[str, ...] = field(default_factory=tuple)
    #: what the table holds, in Bahasa Indonesia
    description_id: str = ""

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"table {self.name!r} has no column {name!r}")

    @property
    def column_names(self) -> list[str]:
        """The headers of the table, in order."""
        return [c.name for c in self.columns]

    @property
    def personal_columns(self) -> list[str]:
        """The columns that hold personal data (never shown)."""
        return [c.name for c in self.columns if c.personal]


_SOURCE = Column(
    "source_id",
    ref="sources.source_id",
    description="Where the row comes from (sources table)",
    description_id="Asal baris ini (tabel sources)",
)
_LABEL_ID = Column(
    "label_id", description="Name in Bahasa Indonesia", description_id="Nama dalam Bahasa Indonesia"
)
_LABEL_EN = Column(
    "label_en", description="Name in English", description_id="Nama dalam bahasa Inggris"
)
_SYNTHETIC = Column(
    "synthetic",
    "bool",
    description="True when the row was generated",
    description_id="true bila baris dibuat oleh generator (data sintetis)",
)

TABLES: dict[str, Table] = {}


def _table(table: Table) -> Table:
    TABLES[table.name] = table
    return table


_table(
    Table(
        "sources",
        (
            Column(
                "source_id",
                description="Short id of a source",
                description_id="Kode singkat sumber",
            ),
            Column(
                "publisher",
                description="Publisher of the article or owner of the data",
                description_id="Penerbit artikel atau pemilik data",
            ),
            Column(
                "title",
                description="Title as published",
                description_id="Judul seperti diterbitkan",
            ),
            Column(
                "date_text",
                required=False,
                description="Date of the event as the source says",
                description_id="Tanggal kegiatan menurut sumber",
            ),
            Column(
                "url",
                "url",
                required=False,
                description="Address of the source",
                description_id="Alamat (URL) sumber",
            ),
            Column(
                "seed_file",
                required=False,
                description="Copy of the article in the project",
                description_id="Salinan artikel di dalam proyek",
            ),
            Column(
                "synthetic",
                "bool",
                description="True when the source is this project's generator",
                description_id="true bila sumbernya generator proyek ini",
            ),
        ),
        key=("source_id",),
        description="Articles and generators that rows cite.",
        description_id="Artikel dan generator yang dikutip oleh baris-baris data.",
    )
)

_table(
    Table(
        "helix_models",
        (
            Column(
                "model",
                description="Id of a helix model, e.g. classic or cilegon",
                description_id="Kode model heliks, mis. classic atau cilegon",
            ),
            Column(
                "helix",
                description="Id of a helix within the model",
                description_id="Kode heliks di dalam model",
            ),
            _LABEL_ID,
            _LABEL_EN,
            Column(
                "role_id",
                required=False,
                description="Role of the helix (Bahasa Indonesia)",
                description_id="Peran heliks (Bahasa Indonesia)",
            ),
            Column(
                "role_en",
                required=False,
                description="Role of the helix (English)",
                description_id="Peran heliks (bahasa Inggris)",
            ),
            Column(
                "order", "int", min=0, description="Display order", description_id="Urutan tampil"
            ),
            Column(
                "source_id",
                required=False,
                ref="sources.source_id",
                description="Where the row comes from (sources table)",
                description_id="Asal baris ini (tabel sources)",
            ),
        ),
        key=("model", "helix"),
        description="Helix models: the classic pentahelix and regional variants, with roles.",
        description_id="Model heliks: pentaheliks klasik dan varian daerah, beserta perannya.",
        checks=("classic_model",),
    )
)

_table(
    Table(
        "sub_types",
        (
            Column(
                "sub_type",
                description="Id of an organisation type",
                description_id="Kode jenis organisasi",
            ),
            _LABEL_ID,
            _LABEL_EN,
            Column(
                "classic_helix",
                allowed=CLASSIC_HELICES,
                description="Helix in the classic model",
                description_id="Heliks pada model klasik",
            ),
        ),
        key=("sub_type",),
        description="Kinds of organisation (ministry unit, city office, large industry, IKM, ...).",
        description_id="Jenis organisasi (unit kementerian, dinas kota, industri besar, IKM, ...).",
    )
)

_table(
    Table(
        "helix_assignment",
        (
            Column(
                "model",
                ref="helix_models.model",
                description="Helix model",
                description_id="Model heliks",
            ),
            Column(
                "sub_type",
                ref="sub_types.sub_type",
                description="Organisation type",
                description_id="Jenis organisasi",
            ),
            Column(
                "helix",
                description="Helix of that model the sub-type belongs to",
                description_id="Heliks model tersebut tempat jenis organisasi ini",
            ),
        ),
        key=("model", "sub_type"),
        description=(
            "How organisation types map onto a helix model's helices where the classic helix "
            "does not apply (e.g. Cilegon's model splits business into IKM and large industry)."
        ),
        description_id=(
            "Pemetaan jenis organisasi ke heliks suatu model bila heliks klasik tidak berlaku "
            "(mis. model Cilegon memisahkan bisnis menjadi IKM dan industri besar)."
        ),
        checks=("helix_in_model",),
    )
)

_table(
    Table(
        "sub_sectors",
        (
            Column("sub_sector", description="Id of a sub-sector", description_id="Kode subsektor"),
            _LABEL_ID,
            _LABEL_EN,
            Column(
                "kbli",
                "list",
                description="KBLI 2020 codes (5 digits) of the sub-sector",
                description_id="Kode KBLI 2020 (5 digit) subsektor ini",
            ),
            Column(
                "sector",
                description="Sector, e.g. logam (metal)",
                description_id="Sektor, mis. logam",
            ),
        ),
        key=("sub_sector",),
        description="IKM sub-sectors with their KBLI 2020 codes.",
        description_id="Subsektor IKM beserta kode KBLI 2020-nya.",
    )
)

_table(
    Table(
        "indicators",
        (
            Column(
                "indicator",
                description="Id; also the column name in assessments",
                description_id="Kode; juga nama kolom di assessments",
            ),
            Column(
                "dimension",
                description="Readiness dimension the indicator measures",
                description_id="Dimensi kesiapan yang diukur indikator",
            ),
            _LABEL_ID,
            _LABEL_EN,
            Column(
                "scale_min",
                "float",
                description="Lowest possible value",
                description_id="Nilai terendah yang mungkin",
            ),
            Column(
                "scale_max",
                "float",
                description="Highest possible value",
                description_id="Nilai tertinggi yang mungkin",
            ),
            Column(
                "direction",
                "int",
                allowed=None,
                min=-1,
                max=1,
                description="+1 when higher is better, -1 when higher is worse",
                description_id="+1 bila makin tinggi makin baik, -1 bila makin tinggi makin buruk",
            ),
            Column(
                "goal_low",
                "float",
                required=False,
                description="Lower goalpost",
                description_id="Batas bawah (goalpost)",
            ),
            Column(
                "goal_high",
                "float",
                required=False,
                description="Upper goalpost",
                description_id="Batas atas (goalpost)",
            ),
            Column(
                "target",
                "float",
                required=False,
                description="Target value",
                description_id="Nilai target",
            ),
            Column(
                "weight",
                "float",
                required=False,
                min=0,
                description="Weight (empty = equal)",
                description_id="Bobot (kosong = sama rata)",
            ),
            Column(
                "unit",
                required=False,
                description="Unit of the scale",
                description_id="Satuan skala",
            ),
            _SOURCE,
        ),
        key=("indicator",),
        description="Readiness indicators: dimension, scale, direction, goalposts and weight.",
        description_id="Indikator kesiapan: dimensi, skala, arah, batas dan bobot.",
        checks=("indicator_scale",),
    )
)

_table(
    Table(
        "codebook",
        (
            Column(
                "code",
                description="Id of a theme (lower-case letters, digits, '_')",
                description_id="Kode tema (huruf kecil, angka, '_')",
            ),
            _LABEL_ID,
            _LABEL_EN,
            Column(
                "definition_id",
                description="What the theme covers (Bahasa Indonesia)",
                description_id="Cakupan tema (Bahasa Indonesia)",
            ),
            Column(
                "definition_en",
                description="What the theme covers (English)",
                description_id="Cakupan tema (bahasa Inggris)",
            ),
            Column(
                "keywords",
                "list",
                description="Indonesian keywords or phrases, ';'-separated",
                description_id="Kata kunci atau frasa bahasa Indonesia, dipisah ';'",
            ),
            Column(
                "source_ids",
                "list",
                required=False,
                ref="sources.source_id",
                description="Sources that raise the theme",
                description_id="Sumber yang mengangkat tema ini",
            ),
        ),
        key=("code",),
        description="Themes for coding FGD statements, with definitions and keywords.",
        description_id="Tema untuk mengode pernyataan FGD, dengan definisi dan kata kunci.",
        optional=True,
        checks=("codebook_usable",),
    )
)

_table(
    Table(
        "fgd_sessions",
        (
            Column(
                "session_id",
                description="Id of the FGD or event (also its report folder)",
                description_id="Kode FGD atau kegiatan (juga nama folder laporannya)",
            ),
            Column(
                "title",
                description="Title as published",
                description_id="Judul seperti diterbitkan",
            ),
            Column(
                "date",
                "partial_date",
                required=False,
                description="Start date as the source gives it",
                description_id="Tanggal mulai seperti disebut sumber",
            ),
            Column(
                "date_precision",
                allowed=DATE_PRECISIONS,
                description="How precise the date is",
                description_id="Ketelitian tanggal",
            ),
            Column(
                "date_text",
                required=False,
                description="What the source says about the date",
                description_id="Keterangan sumber tentang tanggal",
            ),
            Column(
                "end_date",
                "date",
                required=False,
                description="Last day, for several days",
                description_id="Hari terakhir, bila lebih dari sehari",
            ),
            Column(
                "venue", required=False, description="Where it took place", description_id="Tempat"
            ),
            Column("city", description="City", description_id="Kota"),
            Column(
                "organiser",
                required=False,
                ref="stakeholders.org_id",
                description="Organising organisation",
                description_id="Organisasi penyelenggara",
            ),
            Column(
                "kind",
                allowed=("fgd", "partnership_meeting", "study_visit", "monitoring"),
                description="Kind of event",
                description_id="Jenis kegiatan",
            ),
            Column(
                "participants",
                "int",
                required=False,
                min=0,
                description="Participant count",
                description_id="Jumlah peserta",
            ),
            _SOURCE,
            Column(
                "sources_other",
                "list",
                required=False,
                ref="sources.source_id",
                description="Further sources for the same session",
                description_id="Sumber lain untuk sesi yang sama",
            ),
        ),
        key=("session_id",),
        description="FGDs and related events.",
        description_id="FGD dan kegiatan terkait.",
        checks=("date_precision", "end_date_order", "safe_session_id"),
    )
)

_table(
    Table(
        "stakeholders",
        (
            Column(
                "org_id", description="Id of the organisation", description_id="Kode organisasi"
            ),
            Column(
                "name",
                description="Organisation name (not a private person)",
                description_id="Nama organisasi (bukan nama pribadi)",
            ),
            Column(
                "helix",
                allowed=CLASSIC_HELICES,
                description="Helix in the classic pentahelix",
                description_id="Heliks pada pentaheliks klasik",
            ),
            Column(
                "sub_type",
                ref="sub_types.sub_type",
                description="Kind of organisation",
                description_id="Jenis organisasi",
            ),
            Column(
                "level",
                allowed=("national", "province", "city", "other"),
                description="Administrative level",
                description_id="Tingkat pemerintahan/wilayah",
            ),
            Column("city", required=False, description="City", description_id="Kota"),
            Column(
                "power",
                "float",
                required=False,
                min=0,
                max=5,
                description="Power score 0-5",
                description_id="Skor pengaruh 0-5",
            ),
            Column(
                "interest",
                "float",
                required=False,
                min=0,
                max=5,
                description="Interest 0-5",
                description_id="Skor kepentingan 0-5",
            ),
            _SOURCE,
            Column(
                "scores_source",
                required=False,
                ref="sources.source_id",
                description="Where the power and interest scores come from",
                description_id="Asal skor pengaruh dan kepentingan",
            ),
        ),
        key=("org_id",),
        description="Organisations in the pentahelix.",
        description_id="Organisasi dalam pentaheliks.",
        checks=("helix_matches_sub_type",),
    )
)

_table(
    Table(
        "participation",
        (
            Column(
                "session_id",
                ref="fgd_sessions.session_id",
                description="Session",
                description_id="Sesi",
            ),
            Column(
                "org_id",
                ref="stakeholders.org_id",
                description="Organisation",
                description_id="Organisasi",
            ),
            Column(
                "role",
                allowed=(
                    "organiser",
                    "co_organiser",
                    "opening",
                    "speaker",
                    "participant",
                    "partner",
                    "host",
                    "exhibitor",
                ),
                description="Role at the session",
                description_id="Peran dalam sesi",
            ),
            Column(
                "people",
                "int",
                required=False,
                min=0,
                description="Number of people sent",
                description_id="Jumlah orang yang dikirim",
            ),
            _SOURCE,
        ),
        key=("session_id", "org_id", "role"),
        description="Who took part in which session, in which role.",
        description_id="Siapa ikut dalam sesi mana, dengan peran apa.",
    )
)

_table(
    Table(
        "statements",
        (
            Column(
                "statement_id", description="Id of the statement", description_id="Kode pernyataan"
            ),
            Column(
                "session_id",
                ref="fgd_sessions.session_id",
                description="Session",
                description_id="Sesi",
            ),
            Column(
                "org_id",
                ref="stakeholders.org_id",
                description="Organisation of the speaker",
                description_id="Organisasi pembicara",
            ),
            Column(
                "speaker_office",
                description="Office of the speaker, never a private name",
                description_id="Jabatan pembicara, bukan nama pribadi",
            ),
            Column(
                "kind",
                allowed=("position", "commitment", "request", "observation"),
                description="Kind of statement",
                description_id="Jenis pernyataan",
            ),
            Column(
                "quote",
                "bool",
                description="True for a direct quote, false for a paraphrase",
                description_id="true untuk kutipan langsung, false untuk parafrase",
            ),
            Column(
                "text",
                description="What was said (Bahasa Indonesia)",
                description_id="Isi pernyataan (Bahasa Indonesia)",
            ),
            _SOURCE,
            Column(
                "code_human_1",
                "list",
                required=False,
                ref="codebook.code",
                description="Themes given by the first human coder (';'-separated)",
                description_id="Tema dari pengode manusia pertama (dipisah ';')",
            ),
            Column(
                "code_human_2",
                "list",
                required=False,
                ref="codebook.code",
                description="Themes given by the second human coder",
                description_id="Tema dari pengode manusia kedua",
            ),
        ),
        key=("statement_id",),
        description="What an actor said at a session.",
        description_id="Apa yang dikatakan seorang aktor dalam sesi.",
    )
)

_table(
    Table(
        "commitments",
        (
            Column(
                "commitment_id", description="Id of the commitment", description_id="Kode komitmen"
            ),
            Column(
                "session_id",
                ref="fgd_sessions.session_id",
                description="Session",
                description_id="Sesi",
            ),
            Column(
                "org_id",
                required=False,
                ref="stakeholders.org_id",
                description="Organisation that committed; empty when the meeting named none "
                "(the brief then asks for an owner)",
                description_id="Organisasi yang berkomitmen; kosongkan bila forum belum "
                "menunjuknya (risalah lalu meminta penanggung jawab ditetapkan)",
            ),
            Column(
                "partner_ids",
                "list",
                required=False,
                ref="stakeholders.org_id",
                description="Other organisations the commitment involves",
                description_id="Organisasi lain yang terlibat",
            ),
            Column(
                "text",
                description="What was committed (Bahasa Indonesia)",
                description_id="Isi komitmen (Bahasa Indonesia)",
            ),
            Column(
                "theme",
                ref="codebook.code",
                description="Theme of the codebook",
                description_id="Tema dari codebook",
            ),
            Column(
                "due_date",
                "partial_date",
                required=False,
                description="When it falls due",
                description_id="Tenggat",
            ),
            Column(
                "due_precision",
                allowed=DATE_PRECISIONS,
                description="How precise the due date is",
                description_id="Ketelitian tenggat",
            ),
            Column(
                "status", allowed=COMMITMENT_STATUSES, description="Status", description_id="Status"
            ),
            Column(
                "status_note",
                required=False,
                description="What is known about the status",
                description_id="Keterangan tentang status",
            ),
            _SOURCE,
            Column(
                "intervention_id",
                required=False,
                ref="interventions.intervention_id",
                description="Programme of the catalogue the commitment takes up",
                description_id="Program katalog yang dijalankan komitmen ini",
            ),
        ),
        key=("commitment_id",),
        description="Who committed to what, at which session.",
        description_id="Siapa berkomitmen apa, dalam sesi mana.",
        checks=("due_precision", "due_after_session", "ledger_readable"),
    )
)

_table(
    Table(
        "firms",
        (
            Column("firm_id", description="Id of the firm", description_id="Kode usaha"),
            Column(
                "business_name",
                required=False,
                description="Business name",
                description_id="Nama usaha",
            ),
            Column(
                "kbli",
                description="KBLI 2020 code, 5 digits",
                description_id="Kode KBLI 2020, 5 digit",
            ),
            Column(
                "sub_sector",
                ref="sub_sectors.sub_sector",
                description="Sub-sector",
                description_id="Subsektor",
            ),
            Column(
                "workforce",
                "int",
                min=1,
                max=99,
                description="Workers (IKM: fewer than 100)",
                description_id="Tenaga kerja (IKM: kurang dari 100)",
            ),
            Column(
                "revenue_idr",
                "float",
                min=0,
                rupiah=True,
                description="Yearly revenue in rupiah",
                description_id="Omzet per tahun dalam rupiah",
            ),
            Column(
                "founded",
                "int",
                min=1900,
                max=2100,
                description="Year founded",
                description_id="Tahun berdiri",
            ),
            Column("district", description="Kecamatan", description_id="Kecamatan"),
            Column(
                "has_nib",
                "bool",
                description="Holds a business id number (NIB)",
                description_id="Memiliki Nomor Induk Berusaha (NIB)",
            ),
            Column(
                "has_sni",
                "bool",
                description="Holds an SNI product certificate",
                description_id="Memiliki sertifikat produk SNI",
            ),
            Column(
                "has_iso9001",
                "bool",
                description="Holds ISO 9001 certification",
                description_id="Memiliki sertifikasi ISO 9001",
            ),
            Column(
                "capacity_yearly",
                "float",
                required=False,
                min=0,
                description="Output the firm can make in a year (empty = unknown)",
                description_id="Kapasitas produksi per tahun (kosong = tidak diketahui)",
            ),
            Column(
                "capacity_unit",
                required=False,
                description="Unit of capacity_yearly, as in buyer_requirements.volume_unit",
                description_id="Satuan capacity_yearly, sama dengan buyer_requirements.volume_unit",
            ),
            Column(
                "owner_name",
                required=False,
                personal=True,
                description="Owner's name",
                description_id="Nama pemilik",
            ),
            Column(
                "owner_phone",
                required=False,
                personal=True,
                description="Owner's phone",
                description_id="Telepon pemilik",
            ),
            _SYNTHETIC,
            _SOURCE,
        ),
        key=("firm_id",),
        description="The IKM surveyed.",
        description_id="IKM yang disurvei.",
        checks=("kbli_code",),
    )
)

_table(
    Table(
        "assessments",
        (
            Column("firm_id", ref="firms.firm_id", description="Firm", description_id="Usaha"),
            Column(
                "assessment_date",
                "date",
                description="Date of the assessment",
                description_id="Tanggal penilaian",
            ),
            Column(
                "assessor",
                required=False,
                description="Who assessed (an office, not a name)",
                description_id="Penilai (instansi, bukan nama pribadi)",
            ),
            _SYNTHETIC,
            _SOURCE,
        ),
        key=("firm_id", "assessment_date"),
        description="One row per firm and date; one column per indicator (see indicators).",
        checks=("assessments_scoreable",),
        description_id=(
            "Satu baris per usaha dan tanggal; satu kolom per indikator (lihat indicators)."
        ),
    )
)

_table(
    Table(
        "buyer_requirements",
        (
            Column(
                "requirement_id",
                description="Id of the requirement",
                description_id="Kode kebutuhan",
            ),
            Column(
                "buyer_id",
                ref="stakeholders.org_id",
                description="Buying organisation",
                description_id="Organisasi pembeli",
            ),
            Column("product", description="Product category", description_id="Kategori produk"),
            Column(
                "kbli",
                "list",
                description="KBLI 2020 codes that can supply it",
                description_id="Kode KBLI 2020 yang dapat memasok",
            ),
            Column(
                "certificates",
                "list",
                required=False,
                allowed=CERTIFICATES,
                description="Certificates required",
                description_id="Sertifikat yang disyaratkan",
            ),
            Column(
                "yearly_volume",
                "float",
                min=0,
                description="Volume needed in a year",
                description_id="Volume yang dibutuhkan per tahun",
            ),
            Column("volume_unit", description="Unit of the volume", description_id="Satuan volume"),
            Column(
                "max_suppliers",
                "int",
                required=False,
                min=1,
                description="Most IKM suppliers the buyer would take (empty = no limit)",
                description_id="Jumlah pemasok IKM terbanyak yang diterima (kosong = tanpa batas)",
            ),
            _SYNTHETIC,
            _SOURCE,
        ),
        key=("requirement_id",),
        description="What a large buyer needs; one column per indicator holds its minimum level.",
        description_id="Kebutuhan pembeli besar; satu kolom per indikator berisi level minimumnya.",
    )
)

_table(
    Table(
        "interventions",
        (
            Column(
                "intervention_id", description="Id of the programme", description_id="Kode program"
            ),
            Column(
                "name_id",
                description="Name in Bahasa Indonesia",
                description_id="Nama dalam Bahasa Indonesia",
            ),
            Column(
                "name_en", description="Name in English", description_id="Nama dalam bahasa Inggris"
            ),
            Column(
                "owner_helix",
                allowed=CLASSIC_HELICES,
                description="Helix that leads it",
                description_id="Heliks yang memimpin",
            ),
            Column(
                "owner_id",
                required=False,
                ref="stakeholders.org_id",
                description="Organisation that leads it",
                description_id="Organisasi pelaksana",
            ),
            Column(
                "targets",
                "list",
                ref="indicators.indicator",
                description="Indicators the programme improves",
                description_id="Indikator yang ditingkatkan program",
            ),
            Column(
                "unit_cost_idr",
                "float",
                min=0,
                rupiah=True,
                description="Cost per firm served, rupiah",
                description_id="Biaya per usaha yang dilayani, rupiah",
            ),
            Column(
                "capacity",
                "int",
                min=0,
                description="Firms served per year",
                description_id="Jumlah usaha yang dilayani per tahun",
            ),
            Column(
                "months_to_effect",
                "int",
                required=False,
                min=0,
                max=120,
                description="Months from start until a participating firm shows the effect",
                description_id="Bulan sejak mulai sampai hasilnya tampak pada peserta",
            ),
            Column(
                "delivers",
                "list",
                required=False,
                allowed=CERTIFICATES,
                description="Certificates or licences a participating firm obtains",
                description_id="Sertifikat atau izin yang diperoleh peserta",
            ),
            Column(
                "prereq_certificates",
                "list",
                required=False,
                allowed=CERTIFICATES,
                description="Certificates a firm must hold before it can take part",
                description_id="Sertifikat yang harus dimiliki sebelum ikut",
            ),
            Column(
                "partner_helices",
                "list",
                required=False,
                allowed=CLASSIC_HELICES,
                description="Helices whose organisations can partner the lead",
                description_id="Heliks yang organisasinya dapat bermitra",
            ),
            Column(
                "themes",
                "list",
                required=False,
                ref="codebook.code",
                description="FGD themes the programme answers (codebook)",
                description_id="Tema FGD yang dijawab program (codebook)",
            ),
            Column(
                "synthetic",
                "bool",
                description="True when cost and capacity were generated",
                description_id="true bila biaya dan kapasitas dibuat oleh generator",
            ),
            _SOURCE,
            Column(
                "cost_source",
                required=False,
                ref="sources.source_id",
                description="Where unit cost, capacity and time to effect come from",
                description_id="Asal biaya satuan, kapasitas dan waktu hingga berdampak",
            ),
        ),
        key=("intervention_id",),
        checks=("owner_took_part", "programme_cost"),
        description="Catalogue of programmes named in the sources.",
        description_id="Katalog program yang disebut dalam sumber.",
    )
)

_table(
    Table(
        "intervention_effects",
        (
            Column(
                "intervention_id",
                ref="interventions.intervention_id",
                description="Programme",
                description_id="Program",
            ),
            Column(
                "indicator",
                ref="indicators.indicator",
                description="Indicator the programme raises for a participating firm",
                description_id="Indikator yang ditingkatkan program bagi peserta",
            ),
            Column(
                "gain_low",
                "float",
                min=0,
                description="Lowest expected gain, scale points",
                description_id="Kenaikan terendah yang diharapkan, poin skala",
            ),
            Column(
                "gain_mid",
                "float",
                min=0,
                description="Expected gain, scale points",
                description_id="Kenaikan yang diharapkan, poin skala",
            ),
            Column(
                "gain_high",
                "float",
                min=0,
                description="Highest expected gain, scale points",
                description_id="Kenaikan tertinggi yang diharapkan, poin skala",
            ),
            Column(
                "source_id",
                ref="sources.source_id",
                description="Evaluation the gain comes from, or the assumption source",
                description_id="Evaluasi asal angka kenaikan, atau sumber asumsi",
            ),
            Column(
                "note",
                required=False,
                description="How the figure was read or assumed",
                description_id="Cara angka dibaca atau diasumsikan",
            ),
        ),
        key=("intervention_id", "indicator"),
        description="Expected gain per indicator for a firm that takes part in a programme.",
        description_id="Kenaikan per indikator yang diharapkan bagi usaha peserta program.",
        optional=True,
        checks=("gain_order", "effect_in_targets"),
    )
)

_table(
    Table(
        "intervention_prerequisites",
        (
            Column(
                "intervention_id",
                ref="interventions.intervention_id",
                description="Programme",
                description_id="Program",
            ),
            Column(
                "indicator",
                ref="indicators.indicator",
                description="Indicator",
                description_id="Indikator",
            ),
            Column(
                "min_level",
                "float",
                description="Lowest score a firm needs to take part",
                description_id="Skor terendah yang diperlukan untuk ikut",
            ),
            Column(
                "source_id",
                ref="sources.source_id",
                description="Where the row comes from (sources table)",
                description_id="Asal baris ini (tabel sources)",
            ),
        ),
        key=("intervention_id", "indicator"),
        description="Levels a firm must reach before a programme can help it.",
        description_id="Level yang harus dicapai usaha sebelum program dapat membantunya.",
        optional=True,
        checks=("level_in_scale",),
    )
)

_table(
    Table(
        "publisher",
        (
            Column(
                "publisher_id",
                description="Id of the issuing office (one row is used)",
                description_id="Kode kantor penerbit (satu baris yang dipakai)",
            ),
            Column(
                "org_id",
                ref="stakeholders.org_id",
                description="The issuing organisation",
                description_id="Organisasi penerbit",
            ),
            Column(
                "series_id",
                description="Series name in Bahasa Indonesia (Risalah Kebijakan)",
                description_id="Nama seri dalam Bahasa Indonesia (Risalah Kebijakan)",
            ),
            Column(
                "series_en",
                description="Series name in English (Policy Brief)",
                description_id="Nama seri dalam bahasa Inggris (Policy Brief)",
            ),
            Column(
                "contact",
                description="Office contact: e-mail, phone or address of the office",
                description_id="Kontak kantor: surel, telepon atau alamat kantor",
            ),
            Column(
                "region",
                description="Region the briefs cover, e.g. Kota Cilegon",
                description_id="Wilayah yang dicakup, mis. Kota Cilegon",
            ),
            Column(
                "sector_id",
                description="Sector in Bahasa Indonesia, e.g. IKM logam",
                description_id="Sektor dalam Bahasa Indonesia, mis. IKM logam",
            ),
            Column(
                "sector_en",
                description="Sector in English, e.g. metal-working IKM",
                description_id="Sektor dalam bahasa Inggris, mis. metal-working IKM",
            ),
            _SOURCE,
        ),
        key=("publisher_id",),
        description="Who issues the briefs, for which region and sector, and how to reach them.",
        description_id="Penerbit risalah, untuk wilayah dan sektor mana, dan cara menghubunginya.",
        optional=True,
    )
)

_table(
    Table(
        "pairwise",
        (
            Column(
                "session_id",
                ref="fgd_sessions.session_id",
                description="Session",
                description_id="Sesi",
            ),
            Column(
                "respondent_id",
                description="Anonymous respondent code",
                description_id="Kode responden anonim",
            ),
            Column(
                "org_id",
                ref="stakeholders.org_id",
                description="Organisation of the respondent",
                description_id="Organisasi responden",
            ),
            Column(
                "criterion_a",
                ref="indicators.dimension",
                description="First dimension compared",
                description_id="Dimensi pertama yang dibandingkan",
            ),
            Column(
                "criterion_b",
                ref="indicators.dimension",
                description="Second dimension compared",
                description_id="Dimensi kedua yang dibandingkan",
            ),
            Column(
                "value",
                "fraction",
                min=1 / 9,
                max=9,
                description="How much more important a is than b (Saaty 1/9..9)",
                description_id="Seberapa lebih penting a daripada b (skala Saaty 1/9..9)",
            ),
            _SYNTHETIC,
            _SOURCE,
        ),
        key=("session_id", "respondent_id", "criterion_a", "criterion_b"),
        description="Pairwise judgements between readiness dimensions from FGD participants.",
        description_id="Penilaian berpasangan antardimensi kesiapan dari peserta FGD.",
        checks=(
            "pair_distinct",
            "pairwise_reciprocal",
            "pairwise_connected",
            "pairwise_readable",
            "pairwise_session",
        ),
    )
)

# == FGD instruments and structural analysis (ikmpolicy.forms, ikmpolicy.structure) ==========
# Tables the FGD's own instruments fill: elements to structure and the experts' SSIM judgements
# (ISM/MICMAC), MACTOR inputs, and the level descriptions of the readiness self-assessment.
# Their cross-row checks are in ikmpolicy.forms.schema_checks (FORM_CHECKS).

SSIM_RELATIONS = ("V", "A", "X", "O")
ELEMENT_KINDS = ("barrier", "actor", "programme", "objective", "other")


def _session_column() -> Column:
    return Column(
        "session_id",
        ref="fgd_sessions.session_id",
        description="Session",
        description_id="Kegiatan",
    )


def _synthetic_column() -> Column:
    return Column(
        "synthetic",
        "bool",
        required=False,
        description="True when the row was generated",
        description_id="True bila baris ini dibangkitkan (sintetis)",
    )


_table(
    Table(
        "fgd_elements",
        (
            _session_column(),
            Column(
                "element_id",
                description="Short id of the element within the session, e.g. K1",
                description_id="Kode singkat elemen dalam kegiatan, misalnya K1",
            ),
            Column(
                "label_id",
                description="The element as named at the session (Bahasa Indonesia)",
                description_id="Elemen sebagaimana disebut dalam kegiatan",
            ),
            Column(
                "label_en",
                description="The element in English",
                description_id="Elemen dalam bahasa Inggris",
            ),
            Column(
                "kind",
                allowed=ELEMENT_KINDS,
                description="What the element is",
                description_id="Jenis elemen",
            ),
            _SOURCE,
        ),
        key=("session_id", "element_id"),
        description="Barriers, actors or programmes named at a session, to be structured (ISM).",
        description_id="Hambatan, aktor atau program yang disebut dalam kegiatan, untuk disusun "
        "strukturnya (ISM).",
        optional=True,
    )
)

_table(
    Table(
        "ssim",
        (
            _session_column(),
            Column(
                "expert_id",
                description="Anonymous code of the expert who judged",
                description_id="Kode anonim pakar yang menilai",
            ),
            Column(
                "org_id",
                required=False,
                ref="stakeholders.org_id",
                description="The expert's organisation, when known",
                description_id="Organisasi pakar, bila diketahui",
            ),
            Column(
                "element_i",
                ref="fgd_elements.element_id",
                description="First element",
                description_id="Elemen pertama",
            ),
            Column(
                "element_j",
                ref="fgd_elements.element_id",
                description="Second element",
                description_id="Elemen kedua",
            ),
            Column(
                "relation",
                allowed=SSIM_RELATIONS,
                description="V: i leads to j; A: j leads to i; X: both; O: neither",
                description_id="V: i mendorong j; A: j mendorong i; X: saling mendorong; "
                "O: tidak berhubungan",
            ),
            _synthetic_column(),
            _SOURCE,
        ),
        key=("session_id", "expert_id", "element_i", "element_j"),
        description="Structural self-interaction matrix (SSIM): one row per expert and pair.",
        description_id="Matriks interaksi struktural (SSIM): satu baris per pakar dan pasangan.",
        optional=True,
        checks=("ssim_pair",),
    )
)

_table(
    Table(
        "mactor_objectives",
        (
            _session_column(),
            Column(
                "objective_id",
                description="Short id of the objective within the session",
                description_id="Kode singkat tujuan dalam kegiatan",
            ),
            Column(
                "label_id",
                description="The objective (Bahasa Indonesia)",
                description_id="Tujuan (Bahasa Indonesia)",
            ),
            Column(
                "label_en",
                description="The objective in English",
                description_id="Tujuan dalam bahasa Inggris",
            ),
            _SOURCE,
        ),
        key=("session_id", "objective_id"),
        description="Objectives on which the actors of a session take positions (MACTOR).",
        description_id="Tujuan yang disikapi para aktor kegiatan (MACTOR).",
        optional=True,
    )
)

_table(
    Table(
        "mactor_influence",
        (
            _session_column(),
            Column(
                "org_id",
                ref="stakeholders.org_id",
                description="The actor that influences",
                description_id="Aktor yang memengaruhi",
            ),
            Column(
                "target_id",
                ref="stakeholders.org_id",
                description="The actor influenced",
                description_id="Aktor yang dipengaruhi",
            ),
            Column(
                "influence",
                "int",
                min=0,
                max=4,
                description="Godet's scale: 0 none, 1 procedures, 2 projects, 3 missions, "
                "4 existence",
                description_id="Skala Godet: 0 tidak ada, 1 prosedur, 2 proyek, 3 misi, "
                "4 keberadaan",
            ),
            _synthetic_column(),
            _SOURCE,
        ),
        key=("session_id", "org_id", "target_id"),
        description="Direct influence between the organisations of a session (MACTOR MDI).",
        description_id="Pengaruh langsung antarorganisasi dalam kegiatan (MACTOR MDI).",
        optional=True,
        checks=("mactor_actors",),
    )
)

_table(
    Table(
        "mactor_positions",
        (
            _session_column(),
            Column(
                "org_id", ref="stakeholders.org_id", description="The actor", description_id="Aktor"
            ),
            Column(
                "objective_id",
                ref="mactor_objectives.objective_id",
                description="The objective",
                description_id="Tujuan",
            ),
            Column(
                "position",
                "int",
                min=-4,
                max=4,
                description="-4 (strongly against) .. 0 (neutral) .. +4 (essential to the actor)",
                description_id="-4 (sangat menentang) .. 0 (netral) .. +4 (penting sekali bagi "
                "aktor)",
            ),
            _synthetic_column(),
            _SOURCE,
        ),
        key=("session_id", "org_id", "objective_id"),
        description="Positions of the actors of a session on its objectives (MACTOR 2MAO).",
        description_id="Posisi para aktor kegiatan terhadap tujuannya (MACTOR 2MAO).",
        optional=True,
        checks=("mactor_objective_in_session",),
    )
)

_table(
    Table(
        "level_anchors",
        (
            Column(
                "indicator",
                ref="indicators.indicator",
                description="Indicator",
                description_id="Indikator",
            ),
            Column(
                "level",
                "float",
                description="A level of the indicator's scale",
                description_id="Satu tingkat pada skala indikator",
            ),
            Column(
                "description_id",
                description="What a firm at this level looks like (Indonesian)",
                description_id="Gambaran IKM pada tingkat ini (Bahasa Indonesia)",
            ),
            Column(
                "description_en",
                description="What a firm at this level looks like (English)",
                description_id="Gambaran IKM pada tingkat ini (bahasa Inggris)",
            ),
            _SOURCE,
        ),
        key=("indicator", "level"),
        description="Anchored descriptions of indicator levels for the readiness self-assessment.",
        description_id="Uraian setiap tingkat indikator untuk penilaian kesiapan mandiri IKM.",
        optional=True,
        checks=("anchor_in_scale",),
    )
)

#: Tables of the FGD instruments, in validation order (appended to TABLE_ORDER).
FORM_TABLES = (
    "fgd_elements",
    "ssim",
    "mactor_objectives",
    "mactor_influence",
    "mactor_positions",
    "level_anchors",
)
# == end of FGD instruments tables ============================================================

#: Order in which tables are validated: a table comes after every table it references.
TABLE_ORDER: tuple[str, ...] = (
    "sources",
    "helix_models",
    "sub_types",
    "helix_assignment",
    "sub_sectors",
    "indicators",
    "codebook",
    "stakeholders",
    "publisher",
    "fgd_sessions",
    "participation",
    "statements",
    "interventions",
    "intervention_effects",
    "intervention_prerequisites",
    "commitments",
    "firms",
    "assessments",
    "buyer_requirements",
    "pairwise",
) + FORM_TABLES

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
            row.indicator,
            "float",
            required=False,
            min=float(row.scale_min),
            max=float(row.scale_max),
            description=str(row.label_en),
            description_id=str(getattr(row, "label_id", "")),
        )
        for row in indicators.itertuples(index=False)
    )


def table_columns(table: str, indicators: pd.DataFrame | None = None) -> tuple[Column, ...]:
    """All columns of a table, including the indicator columns of a wide table."""
    cols = TABLES[table].columns
    if table in WIDE_TABLES and indicators is not None:
        cols = cols + indicator_columns(table, indicators)
    return cols


# -- the data dictionary --------------------------------------------------------------------

_WORDS = {
    "en": {
        "title": "Data dictionary",
        "intro": (
            "Every table of an ikmpolicy dataset and every column, as `schema.py` declares "
            "them (generated by `ikmpolicy.schema.data_dictionary`; do not edit by hand). "
            "A table is a CSV file `<table>.csv` in a data folder or a sheet of one Excel "
            "workbook. Run `ikmpolicy validate PATH` to check a dataset against it."
        ),
        "head": (
            "column",
            "type",
            "required",
            "allowed values",
            "refers to",
            "personal",
            "description",
        ),
        "key": "Key",
        "optional": "This table may be absent (then it is empty).",
        "wide": (
            "Besides these columns the table holds one column per indicator of "
            "`indicators` (a number on that indicator's scale; may be empty)."
        ),
        "yes": "yes",
        "no": "no",
        "types": {
            "str": "text",
            "int": "whole number",
            "float": "number",
            "bool": "true/false",
            "date": "date",
            "partial_date": "partial date (YYYY, YYYY-MM or YYYY-MM-DD)",
            "list": "list (separated by `;`)",
            "fraction": "number or fraction (1/3)",
            "url": "web address",
        },
        "range": "from {min} to {max}",
        "min": "at least {min}",
        "max": "at most {max}",
    },
    "id": {
        "title": "Kamus data",
        "intro": (
            "Setiap tabel dataset ikmpolicy dan setiap kolomnya, seperti dinyatakan "
            "`schema.py` (dibuat oleh `ikmpolicy.schema.data_dictionary`; jangan diubah "
            "manual). Satu tabel adalah satu berkas CSV `<tabel>.csv` dalam folder data "
            "atau satu sheet dalam satu workbook Excel. Jalankan `ikmpolicy validate PATH` "
            "untuk memeriksa dataset."
        ),
        "head": (
            "kolom",
            "jenis",
            "wajib",
            "nilai yang diizinkan",
            "merujuk ke",
            "data pribadi",
            "keterangan",
        ),
        "key": "Kunci",
        "optional": "Tabel ini boleh tidak ada (dianggap kosong).",
        "wide": (
            "Selain kolom-kolom ini, tabel memuat satu kolom per indikator dari "
            "`indicators` (angka pada skala indikator tersebut; boleh kosong)."
        ),
        "yes": "ya",
        "no": "tidak",
        "types": {
            "str": "teks",
            "int": "bilangan bulat",
            "float": "angka",
            "bool": "benar/salah (true/false, ya/tidak, sudah/belum)",
            "date": "tanggal",
            "partial_date": "tanggal parsial (YYYY, YYYY-MM atau YYYY-MM-DD)",
            "list": "daftar (dipisah `;`)",
            "fraction": "angka atau pecahan (1/3)",
            "url": "alamat web",
        },
        "range": "dari {min} sampai {max}",
        "min": "paling sedikit {min}",
        "max": "paling banyak {max}",
    },
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _allowed_words(col: Column, words: dict) -> str:
    parts = []
    if col.allowed:
        parts.append(", ".join(f"`{v}`" for v in col.allowed))
    if col.min is not None and col.max is not None:
        parts.append(words["range"].format(min=f"{col.min:g}", max=f"{col.max:g}"))
    elif col.min is not None:
        parts.append(words["min"].format(min=f"{col.min:g}"))
    elif col.max is not None:
        parts.append(words["max"].format(max=f"{col.max:g}"))
    return "; ".join(parts)


def data_dictionary(lang: str = "en") -> str:
    """The data dictionary in Markdown: every table and column with its type, whether it is
    required, allowed values, reference, whether it is personal, and its description.

    Parameters
    ----------
    lang : {"en", "id"}
        English or Bahasa Indonesia.

    Examples
    --------
    >>> text = data_dictionary("id")
    >>> "## firms" in text and "| `owner_phone` | teks | tidak |" in text
    True
    """
    if lang not in _WORDS:
        raise ValueError(f"language {lang!r}; expected one of {', '.join(_WORDS)}")
    words = _WORDS[lang]
    lines = [f"# {words['title']}", "", words["intro"], ""]
    for name in TABLE_ORDER:
        table = TABLES[name]
        lines += [
            f"## {name}",
            "",
            _cell(table.description if lang == "en" else table.description_id),
            "",
            f"{words['key']}: " + ", ".join(f"`{k}`" for k in table.key) + ".",
        ]
        if table.optional:
            lines.append(words["optional"])
        if name in WIDE_TABLES:
            lines.append(words["wide"])
        lines += ["", "| " + " | ".join(words["head"]) + " |", "|" + "---|" * len(words["head"])]
        for col in table.columns:
            lines.append(
                "| "
                + " | ".join(
                    [
                        f"`{col.name}`",
                        words["types"][col.type],
                        words["yes"] if col.required else words["no"],
                        _allowed_words(col, words),
                        f"`{col.ref}`" if col.ref else "",
                        words["yes"] if col.personal else "",
                        _cell(col.description if lang == "en" else col.description_id),
                    ]
                )
                + " |"
            )
        lines.append("")
    return "\n".join(lines)


def data_dictionary_document() -> str:
    """``docs/data-dictionary.md``: the dictionary in English, then in Bahasa Indonesia."""
    return data_dictionary("en") + "\n---\n\n" + data_dictionary("id")
