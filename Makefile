# The two commands the README starts with: `make demo` and `make test`. Both install what is missing.
.PHONY: demo test build deps doctor

deps:
	./scripts/install-deps.sh

build: deps
	dotnet build Sweeps.sln -c Release -nologo -v quiet -clp:ErrorsOnly

demo: build
	bin/sweeps run sweeps/smoke.yaml

test: build
	./scripts/install-deps.sh test
	dotnet test Sweeps.sln -c Release --no-build -nologo

doctor: build
	bin/sweeps doctor
