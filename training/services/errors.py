class TrainingError(Exception):
    """A rule of the programme refused the action; the message is for the person."""
