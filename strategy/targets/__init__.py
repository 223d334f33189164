"""A living strategy: targets per goal, baselines from real exports, and reviews that compare.

`measures` says which figures an account's exports give and computes one for a period, through
the Analytics step's own code; `baseline` fixes those figures (never the exports) in a strategy;
`review` compares new exports with them; `changes` lists what the strategy changed since.
"""
