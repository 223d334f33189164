"""The core the rest stands on: the model, saving and loading, languages, the content library."""
