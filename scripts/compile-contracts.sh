#!/usr/bin/env bash
# Compiles the Solidity under infra/chain (the local dev chain's test token) with solc from npm (scripts/devservices)
# into $STATE_DIR/contracts: NAME.abi and NAME.bin per contract, optimized. Skips the work when the outputs are newer
# than the source. Prints the output directory; scripts/test.sh and scripts/bench.sh export it as TT_CONTRACTS_DIR.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

modules="$REPO_ROOT/scripts/devservices/node_modules"
[ -d "$modules/solc" ] || die "solc is missing: run scripts/services.sh start (it installs scripts/devservices with npm ci)"
src_dir="$REPO_ROOT/infra/chain"
out_dir="$STATE_DIR/contracts"
mkdir -p "$out_dir"

for source in "$src_dir"/*.sol; do
  name=$(basename "$source" .sol)
  if [ "$out_dir/$name.abi" -nt "$source" ] && [ "$out_dir/$name.bin" -nt "$source" ]; then
    continue
  fi
  log "compiling $name.sol"
  # solcjs's own command line can't choose the EVM version, so its compiler is called through standard JSON: the
  # version is pinned to ganache's hardfork (shanghai), because solc's default is newer and code built for it may use
  # opcodes (MCOPY) that ganache 7.9 rejects. The outputs are written to temporary names and moved, so an interrupted
  # run never leaves a fresh-looking half.
  NODE_PATH="$modules" node -e '
    const fs = require("fs"), path = require("path"), solc = require("solc");
    const [file, name, dir] = process.argv.slice(1);
    const key = path.basename(file);
    const input = {
      language: "Solidity",
      sources: { [key]: { content: fs.readFileSync(file, "utf8") } },
      settings: {
        optimizer: { enabled: true, runs: 200 },
        evmVersion: "shanghai",
        outputSelection: { "*": { [name]: ["abi", "evm.bytecode.object"] } },
      },
    };
    const output = JSON.parse(solc.compile(JSON.stringify(input)));
    const problems = output.errors || [];
    for (const p of problems) console.error(p.formattedMessage || p.message);
    if (problems.some(p => p.severity === "error")) process.exit(1);
    const contract = (output.contracts[key] || {})[name];
    if (!contract) { console.error(`${key} has no contract named ${name}`); process.exit(1); }
    for (const [ext, text] of [["abi", JSON.stringify(contract.abi)], ["bin", contract.evm.bytecode.object]]) {
      fs.writeFileSync(`${dir}/${name}.${ext}.tmp`, text);
      fs.renameSync(`${dir}/${name}.${ext}.tmp`, `${dir}/${name}.${ext}`);
    }' "$source" "$name" "$out_dir" || die "$name.sol did not compile"
done
echo "$out_dir"
