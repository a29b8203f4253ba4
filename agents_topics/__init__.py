"""The Faust app, its topics, and the agents that answer questions (teacher, student)."""
