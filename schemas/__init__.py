"""The contracts of every topic. The ``.avsc`` files here are the source of truth;
``records`` mirrors them as plain dataclasses and ``codec`` encodes them with fastavro."""

from pathlib import Path

SCHEMA_DIR = Path(__file__).parent
