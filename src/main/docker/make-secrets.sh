#!/usr/bin/env bash
# Makes the secret files of docker-compose.yml under secrets/ (or $SKILLSHUB_SECRETS_DIR), once: a file that exists
# is kept. Needs a JDK only (the API keys are issued by IssueApiKey run from its source). Prints the platform's and
# the operators' API keys once; they are stored nowhere, only their hashes in secrets/api-keys.
#
#   bash src/main/docker/make-secrets.sh
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
DIR="${SKILLSHUB_SECRETS_DIR:-$REPO_ROOT/secrets}"
ISSUE="$REPO_ROOT/src/main/java/cn/henan/skillshub/api/IssueApiKey.java"
mkdir -p "$DIR"
chmod 700 "$DIR"
# Files readable by the containers' users (the hub runs as a non-root user); the folder keeps others out.
umask 022

random() { head -c 32 /dev/urandom | base64 | tr -d '\n/+='; }

for name in person-key-secret postgres-password sftp-password evaluation-body-token ce-registry-app-secret \
  delivery-push-secret grafana-admin-password; do
  [[ -s "$DIR/$name" ]] || random >"$DIR/$name"
done

# issue NAME ROLE: appends the entry to api-keys and prints the key's line (stderr of IssueApiKey).
issue() { java "$ISSUE" "$1" "$2" 2>&1 >>"$DIR/api-keys"; }
if [[ ! -s "$DIR/api-keys" ]]; then
  echo "# name:ROLE[+ROLE]:sha256[:city] - add a line with IssueApiKey, delete one to revoke; re-read at once" \
    >"$DIR/api-keys"
  issue henan-platform PLATFORM
  issue operators OPS
  issue prometheus OPS | sed 's/.*: //' | tr -d '\n' >"$DIR/prometheus-api-key"
fi
echo "secret files in $DIR"
