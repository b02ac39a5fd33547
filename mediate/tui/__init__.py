"""The Textual front end. Screens call store verbs and render domain objects."""
