# hiregraph: stateless GraphQL workers; state lives in PostgreSQL and Redis (docs/deploy.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY gateway ./gateway
COPY graph ./graph
COPY resolvers ./resolvers
COPY loaders ./loaders
COPY providers ./providers
COPY tenancy ./tenancy
RUN pip install . \
    && useradd --system --uid 10001 --home-dir /data --create-home hiregraph

# The working directory holds the embedded SQLite file when no HIREGRAPH_DATABASE_URL is set.
WORKDIR /data
USER hiregraph
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2).status != 200)"

ENTRYPOINT ["hiregraph"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
