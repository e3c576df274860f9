# FNE-MEM-01 — Chaque membre déclaré sert quelque part.
# rules/national.toml :
#   for_each = "m in membres"
#   check = "m.utilise"
package fne

import rego.v1

violations contains {"regle": "FNE-MEM-01", "element": m.id} if {
	some m in input.membres
	not m.utilise
}
