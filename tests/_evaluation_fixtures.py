"""Small invented clusters and summaries for the evaluation tests (no DUC text)."""

from summarizer.budget import Budget
from summarizer.cluster import make_cluster
from summarizer.summary import Summary, SummarySentence

TOPICS = [
    ("flood", ["Heavy rain flooded the valley town on Sunday. Rescue teams moved two hundred people.",
               "The river broke its banks near the old mill. Schools stayed closed on Monday."],
     ["Rain flooded the valley town and rescuers moved two hundred people.",
      "The river broke its banks; schools closed on Monday after the flood."],
     "Heavy rain flooded the valley town.\nRescue teams moved two hundred people."),
    ("budget", ["The city council passed a smaller budget. Libraries will open fewer hours.",
                "Union leaders criticised the cuts. The mayor defended the plan as necessary."],
     ["The council passed a smaller budget that cuts library hours.",
      "The mayor defended budget cuts that unions criticised."],
     "The city council passed a smaller budget.\nThe mayor defended the plan."),
    ("match", ["The home team won the final by two goals. Fans celebrated in the square.",
               "The coach praised the young striker who scored twice."],
     ["The home team won the final; a young striker scored twice.",
      "Fans celebrated after the home team's two-goal win in the final."],
     "The coach praised the young striker.\nFans celebrated in the square."),
    ("storm", ["A winter storm cut power to thousands of homes. Crews worked through the night.",
               "Airports cancelled flights as snow piled up."],
     ["A winter storm cut power to thousands and cancelled flights."],
     "A winter storm cut power to thousands of homes."),
]


def clusters():
    return [make_cluster(docs, cid, references=refs) for cid, docs, refs, _ in TOPICS]


def summaries():
    return [Summary(cid, tuple(SummarySentence(t) for t in text.splitlines()), "test", Budget(100))
            for cid, _, _, text in TOPICS]
