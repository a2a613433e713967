# Thin wrapper around CMake (the real build is CMakeLists.txt).
#   make        build (release, with debug info) into build/
#   make demo   code the two seed articles into casus.db and print the table
#   make check  build with ASan+UBSan into build-san/ and run every test
#   make lint   grep for banned calls
#   make valgrind  run the optimised build on the seeds under valgrind
SHARED ?= $(abspath ../shared)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DB ?= casus.db

.PHONY: all deps build demo check lint clean bench fuzz valgrind

all: build

deps:
	@scripts/deps.sh

build: deps
	@cmake -S . -B build -DCASUS_SHARED=$(SHARED) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build build -j $(JOBS)

demo: build
	./build/casus ingest --db $(DB) $(SHARED)/seeds/seeds.jsonl
	./build/casus show --db $(DB)

check: deps lint
	@cmake -S . -B build-san -DCASUS_SHARED=$(SHARED) -DCMAKE_BUILD_TYPE=Debug \
	  -DCASUS_ASAN=ON -DCASUS_UBSAN=ON >/dev/null
	@cmake --build build-san -j $(JOBS)
	cd build-san && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

lint:
	@! grep -nE '\b(sprintf|strcpy|strcat|strncpy|strtok|atoi|gets)\s*\(' \
	  lib/*/*.c lib/*.h cli/*.c include/*.h || { echo "lint: banned call"; exit 1; }

fuzz: deps
	@cmake -S . -B build-fuzz -DCASUS_SHARED=$(SHARED) -DCMAKE_C_COMPILER=clang \
	  -DCASUS_FUZZ=ON -DCASUS_ASAN=ON -DCASUS_UBSAN=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS)

valgrind: build
	valgrind --error-exitcode=1 --leak-check=full -q \
	  ./build/casus code $(SHARED)/seeds/seeds.jsonl >/dev/null

bench: build
	bench/run

clean:
	rm -rf build build-san build-fuzz
