# syntax=docker/dockerfile:1
#
# The llm-ensemble worker image.
#
#   docker build -t llm-ensemble .
#   docker run --rm llm-ensemble --help
#
# The image runs `ensemble run` as a non-root user. Point it at a Kafka cluster and a
# ClickHouse server with ENSEMBLE_KAFKA__BOOTSTRAP_SERVERS and ENSEMBLE_CLICKHOUSE__URL
# (docker-compose.yml does); without them it starts its own local broker and embedded
# chdb under /data, which is only meant for trying it out. See docs/production.md.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: install the project and its dependencies into a self-contained venv --------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH

RUN python -m venv /opt/venv

WORKDIR /src
# .dockerignore keeps tests, git metadata, local data and build leftovers out.
COPY . .
# A regular (non-editable) install: the packages are copied into the venv, so the
# runtime stage needs nothing from /src. Every dependency ships manylinux wheels, so no
# compiler is needed.
RUN pip install .

# --- runtime ---------------------------------------------------------------------------
FROM ${PYTHON_IMAGE}

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    ENSEMBLE_DATA_DIR=/data

# A fixed uid/gid so that a bind-mounted /data can be chown'ed to it on the host.
RUN groupadd --system --gid 10001 ensemble \
 && useradd --system --uid 10001 --gid ensemble --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin ensemble \
 && mkdir -p /data \
 && chown ensemble:ensemble /data

COPY --from=build /opt/venv /opt/venv

USER ensemble
# Also the working directory: Faust keeps its app directory relative to it.
WORKDIR /data
# Runtime files, and the embedded ClickHouse when ENSEMBLE_CLICKHOUSE__URL is unset.
# The directory exists and is owned by `ensemble` before VOLUME, so a new named volume
# mounted here inherits that ownership.
VOLUME ["/data"]

ENTRYPOINT ["ensemble"]
CMD ["run"]
