# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
export TDKT_DATA_DIR ?= $(CURDIR)/var

.PHONY: demo test lint types unit test-pg test-browser bench messages clean serve

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(BIN)/.installed

# The demo signs its decisions' PDFs with a self-signed test certificate (never for real use).
DEMO_KEY := $(TDKT_DATA_DIR)/demo-signing.p12
DEMO_SIGNING := TDKT_SIGNING_P12=$(DEMO_KEY) TDKT_SIGNING_P12_PASSWORD=tdkt-demo

demo: $(BIN)/.installed
	$(BIN)/tdkt migrate --noinput
	$(BIN)/tdkt demo load --reset
	test -f $(DEMO_KEY) || TDKT_SIGNING_P12_PASSWORD=tdkt-demo $(BIN)/tdkt decisions \
		make-signing-key $(DEMO_KEY) --name "UBND quận Cẩm Lệ (chứng thư thử nghiệm)"
	$(BIN)/tdkt demo logins
	$(DEMO_SIGNING) $(BIN)/tdkt runserver 127.0.0.1:8000 --insecure

serve: $(BIN)/.installed
	$(BIN)/tdkt runserver 127.0.0.1:8000 --insecure

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

types: $(BIN)/.installed
	$(BIN)/mypy src/tdkt

unit: $(BIN)/.installed
	$(BIN)/pytest -m "not browser" -p no:cacheprovider

test: lint types unit

test-pg: $(BIN)/.installed
	TDKT_DATABASE_URL=$${TDKT_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
		$(BIN)/pytest -m "not browser" -p no:cacheprovider

test-browser: $(BIN)/.installed
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m browser -p no:cacheprovider

bench: $(BIN)/.installed
	$(PY) -m tdkt.bench

messages: $(BIN)/.installed
	cd src/tdkt && TDKT_DATA_DIR=$(TDKT_DATA_DIR) ../../$(BIN)/tdkt makemessages -l vi --add-location file --no-obsolete -i "bench/*"
	$(PY) tools/merge_translations.py

clean:
	rm -rf $(VENV) var build *.egg-info src/*.egg-info
