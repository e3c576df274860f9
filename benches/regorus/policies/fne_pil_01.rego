# FNE-PIL-01 — Le préfet du département préside la gouvernance.
# rules/national.toml :
#   check = "pilotage.prefet != null and any(m in membres, m.id == pilotage.prefet
#            and m.nature == 'prefecture' and m.code in territoire.codes)"
#   at = "pilotage"
package fne

import rego.v1

fne_pil_01_ok if {
	input.pilotage.prefet != null
	some m in input.membres
	m.id == input.pilotage.prefet
	m.nature == "prefecture"
	m.code in input.territoire.codes
}

violations contains {"regle": "FNE-PIL-01", "element": "pilotage"} if not fne_pil_01_ok
