"""Colours, markers and hatches of every figure: colour-blind safe, and readable in grey.

Categories use the Okabe–Ito palette (Okabe & Ito 2008), which stays distinct for the common
forms of colour blindness; heat maps use cividis (Nuñez, Anderton & Renslow 2018), which is
monotone in lightness, so a printout in grey keeps its order. Each helix keeps one colour, one
marker and one hatch in every figure of every brief, so a reader who cannot tell the colours
apart (or holds a grey copy) still tells the helices apart by shape or pattern. No figure
puts red against green.

Examples
--------
>>> helix_style("government")["colour"], helix_style("government")["marker"]
('#0072b2', 'o')
>>> helix_style("a-helix-of-another-model")["colour"] in OKABE_ITO.values()
True
"""

from __future__ import annotations

import zlib

#: Okabe & Ito (2008), "Color universal design", the eight colours by name.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#e69f00",
    "sky_blue": "#56b4e9",
    "bluish_green": "#009e73",
    "yellow": "#f0e442",
    "blue": "#0072b2",
    "vermillion": "#d55e00",
    "reddish_purple": "#cc79a7",
}
GREY = "#999999"
#: Colour map of every heat map.
SEQUENTIAL = "cividis"

_HELIX = {
    # helix id: (colour, marker, hatch)
    "government": (OKABE_ITO["blue"], "o", ""),
    "academia": (OKABE_ITO["bluish_green"], "s", "//"),
    "business": (OKABE_ITO["vermillion"], "^", "\\\\"),
    "ikm": (OKABE_ITO["orange"], "v", "xx"),
    "large_industry": (OKABE_ITO["reddish_purple"], "D", ".."),
    "community": (OKABE_ITO["sky_blue"], "P", "--"),
    "media": (OKABE_ITO["yellow"], "X", "oo"),
    "unassigned": (GREY, "*", "++"),
}
_SPARE = [
    (OKABE_ITO[c], m, h)
    for c, m, h in (
        ("black", "h", "||"),
        ("orange", "<", "\\\\//"),
        ("sky_blue", ">", "-|"),
        ("blue", "8", "x."),
    )
]

#: The state of a commitment: (colour, marker).
STATE_STYLE = {
    "done": (OKABE_ITO["bluish_green"], "o"),
    "overdue": (OKABE_ITO["vermillion"], "X"),
    "open": (OKABE_ITO["blue"], "s"),
    "no_due_date": (GREY, "D"),
}
#: Eligibility of a firm for a buyer requirement, from bad to good (cividis ends and middle).
STATUS_COLOURS = {"not_yet": "#00224e", "near_ready": "#7d7c78", "eligible": "#fee838"}


def helix_style(helix: str) -> dict[str, str]:
    """Colour, marker and hatch of a helix (a helix of another model gets a stable spare)."""
    if helix in _HELIX:
        colour, marker, hatch = _HELIX[helix]
    else:
        colour, marker, hatch = _SPARE[zlib.crc32(helix.encode("utf-8")) % len(_SPARE)]
    return {"colour": colour, "marker": marker, "hatch": hatch}


def helix_colours(helices=()) -> dict[str, str]:
    """The colour of each helix given (and of ``unassigned``)."""
    return {h: helix_style(h)["colour"] for h in [*helices, "unassigned"]}
