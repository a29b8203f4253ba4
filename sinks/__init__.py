"""Where decisions land: ClickHouse."""
