# FNE-COM-02 — Chaque comité a une fréquence.
# rules/national.toml :
#   for_each = "c in comites"
#   check = "c.frequence != null"
package fne

import rego.v1

violations contains {"regle": "FNE-COM-02", "element": c.id} if {
	some c in input.comites
	c.frequence == null
}
