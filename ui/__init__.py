"""Streamlit-side helpers shared by the pages: state, widget binding, navigation."""
