"""Invented articles for the watch and history tests: two stories, told by several made-up outlets."""

from __future__ import annotations

# story A: a bridge closed after an inspection (three outlets; the third arrives later)
BRIDGE = {
    "eastport-herald": (
        "Eastport Herald",
        "Eastport closes harbor bridge after inspectors find cracks",
        "2026-03-02T09:00:00Z",
        [
            "EASTPORT - The Harbor Street bridge in Eastport was closed to all traffic on Monday after "
            "inspectors found cracks in two of its steel support beams.",
            "City engineer Dana Whitlock said the damage was discovered during a routine inspection on "
            "Sunday night.",
            '"We are not going to take any chances with public safety," Whitlock said.',
            "About 18,000 vehicles cross the bridge every day, according to the city's transport office.",
            "Drivers are being sent along a detour through the Mill Road crossing, which adds about "
            "fifteen minutes to the trip.",
        ],
    ),
    "coastal-times": (
        "Coastal Times",
        "Cracked beams shut Eastport's Harbor Street bridge",
        "2026-03-02T11:30:00Z",
        [
            "Eastport officials shut the Harbor Street bridge on Monday after cracks were found in two "
            "steel support beams.",
            "The cracks were spotted during a routine inspection late on Sunday, city engineer Dana "
            "Whitlock told reporters.",
            "Roughly 18,000 vehicles use the bridge each day.",
            "Traffic is being diverted to the Mill Road crossing.",
            "Local business owners said the closure could hurt shops on the waterfront.",
        ],
    ),
    "metro-wire": (
        "Metro Wire",
        "Eastport bridge to stay closed for six weeks, mayor says",
        "2026-03-03T08:15:00Z",
        [
            "The Harbor Street bridge in Eastport will remain closed for at least six weeks while two "
            "cracked steel beams are replaced, Mayor Ruth Okafor said on Tuesday.",
            "The bridge was closed on Monday after inspectors found the cracks during a routine check.",
            '"Repairs will begin this week and crews will work around the clock," Okafor said.',
            "The state has offered 4 million dollars in emergency funds for the work.",
            "Drivers continue to use the detour over the Mill Road crossing.",
        ],
    ),
}

# story B: a warehouse fire (two outlets)
FIRE = {
    "valley-gazette": (
        "Valley Gazette",
        "Fire destroys warehouse in Brookfield industrial park",
        "2026-03-01T20:00:00Z",
        [
            "BROOKFIELD - A fire destroyed a furniture warehouse in the Brookfield industrial park on "
            "Saturday evening, the county fire service said.",
            "More than 60 firefighters fought the blaze for five hours before bringing it under control.",
            "No one was injured, fire chief Marco Lindqvist said.",
            '"The building was empty when the fire started," Lindqvist said.',
            "The cause of the fire is under investigation.",
        ],
    ),
    "northern-post": (
        "Northern Post",
        "Brookfield warehouse blaze took five hours to control",
        "2026-03-01T22:40:00Z",
        [
            "Firefighters needed five hours to control a blaze that destroyed a furniture warehouse in "
            "Brookfield on Saturday.",
            "Fire chief Marco Lindqvist said more than 60 firefighters were sent to the industrial park.",
            "Nobody was hurt in the fire, he said.",
            "Investigators have not yet said what caused the fire.",
            "Smoke from the fire could be seen across the valley.",
        ],
    ),
}
