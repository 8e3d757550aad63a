# Sourced by the scripts that fetch Debian packages without installing them
# (fetch-real-programs: source packages; gbench-compare: binary packages). apt runs with its
# own sources.list, lists and cache under one folder, so the machine's apt state is never
# touched and no root is needed.
#
# private_apt_setup DIR KIND: writes DIR/sources.list with KIND lines ("deb" or "deb-src") for
# Debian 12 (bookworm, -updates, -security) and sets the array private_apt_opts, to be passed
# to every apt-get call: apt-get "${private_apt_opts[@]}" update|source|download ...
private_apt_setup() {
  local dir=$1 kind=$2
  local suite=bookworm mirror=http://deb.debian.org/debian
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
  cat >"$dir/sources.list.new" <<LIST
$kind [signed-by=$keyring] $mirror $suite main
$kind [signed-by=$keyring] $mirror $suite-updates main
$kind [signed-by=$keyring] ${mirror}-security $suite-security main
LIST
  mv "$dir/sources.list.new" "$dir/sources.list"
  private_apt_opts=(
    -o "Dir::Etc::SourceList=$dir/sources.list"
    -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$dir/lists"
    -o "Dir::Cache=$dir/cache"
    -o "APT::Sandbox::User=root"
    -o "Acquire::Retries=3"
  )
}
