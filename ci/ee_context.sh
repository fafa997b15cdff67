#!/usr/bin/env bash
# make ee-context: the ansible-builder build context of execution-environment.yml.
#
# Builds the collection into build/ee/alicloud-interconnect.tar.gz (the file the
# EE definition copies in) and runs `ansible-builder create`, which writes the
# Containerfile and everything it copies into the context directory. No
# container engine is involved; build the image from the context with podman or
# docker where one exists.
#
# Usage: bash ci/ee_context.sh [CONTEXT_DIR]   (default: ee-context, gitignored)
# Uses .venv when it exists, otherwise ansible-galaxy and ansible-builder from PATH.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
context=${1:-ee-context}

if [ -x "$root/.venv/bin/ansible-builder" ]; then
    # shellcheck disable=SC1091  # created by make install
    source "$root/.venv/bin/activate"
fi

rm -rf build/ee "$context"
mkdir -p build/ee
ansible-galaxy collection build --force --output-path build/ee . >/dev/null
mv build/ee/alicloud-interconnect-*.tar.gz build/ee/alicloud-interconnect.tar.gz
ansible-builder create --file execution-environment.yml --context "$context" --output-filename Containerfile --verbosity 1
echo "ee-context: build context in $context (podman build -t alicloud-interconnect-ee $context)"
