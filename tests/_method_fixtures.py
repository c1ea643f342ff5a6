"""Invented news clusters for the extractive method tests (no real article text)."""

from summarizer.cluster import make_cluster
from summarizer.pipeline import prepare

FLOOD = [
    "Heavy rain flooded the town of Marlow Creek on Tuesday. The river rose four metres overnight. "
    "Hundreds of residents left their homes before dawn. Emergency crews used boats to reach stranded families. "
    "The mayor said the flood was the worst in fifty years.",
    "A flood struck Marlow Creek after two days of heavy rain. Rescue teams evacuated hundreds of residents by boat. "
    "Officials opened three shelters in the school and the church. The river is expected to fall by Friday. "
    "Farmers fear the flood destroyed much of the wheat harvest.",
    "The regional government declared an emergency in Marlow Creek. Heavy rain caused the river to burst its banks. "
    "Power was cut to four thousand homes. The mayor thanked volunteers who filled sandbags all night. "
    "Insurance companies expect large claims from the flood.",
]

REFERENCES = [
    "Heavy rain flooded Marlow Creek and the river rose four metres. Hundreds of residents were evacuated by boat. "
    "An emergency was declared and power was cut to four thousand homes.",
    "The worst flood in fifty years hit Marlow Creek. Rescue teams evacuated hundreds of residents and shelters opened.",
]


def flood_cluster(with_references: bool = True):
    return prepare(make_cluster(FLOOD, cluster_id="flood", references=REFERENCES if with_references else ()))


def one_sentence_cluster():
    return prepare(make_cluster(["A single sentence about the flood in Marlow Creek stands here alone."], cluster_id="one"))


def empty_cluster():
    return prepare(make_cluster(["   ", ""], cluster_id="empty"))
