# FNE-FDR-06 — Les financements d'une action ne dépassent pas son budget.
# rules/national.toml :
#   for_each = "a in actions"
#   check = "a.budget != null and a.budget > 0 and a.total_financements <= a.budget"
# Les actions n'ont pas d'identifiant : l'élément est « actions[i] ».
package fne

import rego.v1

fne_fdr_06_ok(a) if {
	a.budget != null
	a.budget > 0
	a.total_financements <= a.budget
}

violations contains {"regle": "FNE-FDR-06", "element": concat("", ["actions[", format_int(i, 10), "]"])} if {
	some i, a in input.actions
	not fne_fdr_06_ok(a)
}
