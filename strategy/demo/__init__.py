"""Made-up data for demos: the demo exports and the example personas."""
