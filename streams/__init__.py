"""Stream processors: the critic joins each question with its candidates and publishes one verdict."""
