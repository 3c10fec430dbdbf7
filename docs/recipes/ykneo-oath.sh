#!/usr/bin/env bash
# docs/recipes/ykneo-oath.sh - the ykneo-oath recipe of docs/se-runtime.md (see docs/recipes/ykneo-oath.md).
#
# NOT RUN IN CI: it clones Yubico's ykneo-oath from github.com, which CI cannot reach. A lab runs it
# by hand from the repository root, with internet access:
#
#     docs/recipes/ykneo-oath.sh            # clone, build the three applet jars, run the campaigns
#     YKNEO_SRC=/path/to/a/clone docs/recipes/ykneo-oath.sh   # use a clone you already have
#
# For each of three commits of ykneo-oath it exports the commit's applet source, compiles it
# against the Java Card API classes in jcardsim's jar (the harness's own dependency), jars it, and
# runs `./certify tear` on the campaigns in docs/recipes/ykneo-oath/ that name that jar:
#   63e19d8  before "Use transactions when changing non-volatile state": a PUT torn at its 2nd
#            persistent write loses every credential PUT afterwards (before-fix-put-second);
#            read back at once, the same tear cannot be seen (before-fix-put-second-unseen)
#   e89ffce  the fix: none of the PUT's 56 tear points corrupts the list (after-fix-put-second)
#   543b4c3  the latest commit: an overwrite of a credential torn at writes 7..51 leaves it listed
#            with an empty (9..51) or half-cleared (7, 8) key (latest-overwrite)
# Everything it makes goes to target/ykneo-oath/ (YKNEO_WORK), which git ignores; the reports go to
# target/ykneo-oath/reports/<campaign>/. A clone given with YKNEO_SRC is read, never checked out.
# Exit code: 0 when every campaign ran and gave the summary recorded in docs/recipes/ykneo-oath.md,
# 1 when one gave another, 2 when something could not be built or run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

url="${YKNEO_URL:-https://github.com/Yubico/ykneo-oath.git}"
work="${YKNEO_WORK:-$root/target/ykneo-oath}"
src="${YKNEO_SRC:-$work/src}"
recipe="$root/docs/recipes/ykneo-oath"
# short name -> full commit; the short name is the one the campaign files use in their jar: line
commits=(
  "63e19d8 63e19d80dcede737756dafd1b42b9ade876fc6d7"
  "e89ffce e89ffce220dc4aab1621d2239df1d39a59cefbc3"
  "543b4c3 543b4c3907e047d4f3d851e34f1b9e50ce5832e2"
)

die() { echo "ykneo-oath recipe: $*" >&2; exit 2; }
command -v git >/dev/null || die "git is not on the PATH"
command -v javac >/dev/null || die "javac (JDK 17) is not on the PATH"
mkdir -p "$work"

# 1. The source.
if [ ! -d "$src/.git" ]; then
  echo "== cloning $url into $src"
  git clone -q "$url" "$src" || die "cannot clone $url"
fi
for c in "${commits[@]}"; do
  git -C "$src" cat-file -e "${c#* }^{commit}" 2>/dev/null || die "commit ${c#* } is not in $src (fetch it)"
done
newest="$(git -C "$src" rev-parse HEAD)"
[ "$newest" = "${commits[2]#* }" ] || echo "note: $src is at $newest; the recipe pins 543b4c3 as the latest commit"

# 2. The harness, and jcardsim's jar for the Java Card API classes.
echo "== building the harness"
./mvnw -B -q -DskipTests install >/dev/null || die "the harness could not be built"
./mvnw -B -q dependency:build-classpath -pl device-emulators/se-runtime -Dmdep.outputFile="$work/classpath.txt" >/dev/null \
  || die "cannot resolve the harness's classpath"
jcardsim="$(tr ':' '\n' < "$work/classpath.txt" | grep '/jcardsim-[^/]*\.jar$' | head -1)"
[ -n "$jcardsim" ] || die "jcardsim's jar is not on se-runtime's classpath"

# 3. One jar per commit. No build change is needed at any of the three commits: javac --release 8
#    against jcardsim's javacard.* classes compiles applet/src as it is (the upstream builds use
#    Oracle's Java Card kit and a CAP converter instead). The jar's timestamps are the commit's,
#    so the same JDK makes the same jar.
for c in "${commits[@]}"; do
  short="${c%% *}" full="${c#* }"
  echo "== ykneo-oath $short"
  tree="$work/src-$short" classes="$work/classes-$short"
  rm -rf "$tree" "$classes" && mkdir -p "$tree" "$classes"
  git -C "$src" archive "$full" applet/src | tar -x -C "$tree" || die "cannot export $short from $src"
  # shellcheck disable=SC2046
  javac --release 8 -Xlint:-deprecation -encoding UTF-8 -cp "$jcardsim" -d "$classes" $(find "$tree/applet/src" -name '*.java') \
    || die "ykneo-oath $short does not compile"
  jar --create --file "$work/ykneo-oath-$short.jar" --date="$(git -C "$src" show -s --format=%cI "$full")" -C "$classes" . \
    || die "cannot jar ykneo-oath $short"
  echo "   $work/ykneo-oath-$short.jar, SHA-256 $(sha256sum "$work/ykneo-oath-$short.jar" | cut -d' ' -f1)"
done

# 4. The campaigns, next to the jars they name; ./certify tear on each, its report in $work/reports/.
#    The summary each one gave when the recipe was written (docs/recipes/ykneo-oath.md) is checked:
#    a runtime that sees more or fewer writes changes these counts, and then the recipe's text too.
expected=(
  "before-fix-put-second|56 tear points: 55 as before, 0 as completed, 1 other"
  "before-fix-put-second-unseen|56 tear points: 56 as before, 0 as completed, 0 other"
  "after-fix-put-second|56 tear points: 56 as before, 0 as completed, 0 other"
  "latest-overwrite|51 tear points: 6 as before, 0 as completed, 45 other"
)
cp "$recipe"/*.campaign "$work/"
status=0
for e in "${expected[@]}"; do
  name="${e%%|*}" want="${e#*|}"
  echo
  echo "== ./certify tear $name.campaign"
  sed -n '/^[a-z]/q;s/^# \{0,1\}//p' "$work/$name.campaign" | grep -v '^Built by' | sed 's/^/   /'
  set +e
  ./certify tear "$work/$name.campaign" --out "$work/reports/$name" | tee "$work/$name.txt"
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" -ne 0 ]; then
    echo "   ./certify tear could not run the campaign (exit code $rc)"
    status=2
  elif grep -qxF "$name: $want" "$work/$name.txt"; then
    echo "   as recorded in docs/recipes/ykneo-oath.md: $want"
  else
    echo "   DIFFERS from docs/recipes/ykneo-oath.md, which records: $want"
    [ "$status" -ne 0 ] || status=1
  fi
done
exit "$status"
