# The two commands a new user needs are `make start` and `make test` (see README.md).
.PHONY: start test setup build demo bench clean

start:
	scripts/start.sh

test:
	scripts/test.sh

setup:
	scripts/setup.sh

build:
	scripts/setup.sh --no-demo

demo:
	. scripts/env.sh && python -m featurelab.demo --workspace "$$FEATURELAB_WORKSPACE" --size "$${FEATURELAB_DEMO_SIZE:-default}"

bench:
	scripts/bench.sh

clean:
	rm -rf node_modules .venv core/lib kernel-bridge/lib server-ext/lib server-ext/dist extension/lib \
	  server-ext/python/jupyterlab_featurelab/labextension server-ext/python/jupyterlab_featurelab/service
