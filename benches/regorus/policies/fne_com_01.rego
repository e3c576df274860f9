# FNE-COM-01 — Un comité stratégique est coprésidé par le préfet et le pilote.
# rules/national.toml :
#   check = "any(c in comites, c.type == 'strategique' and pilotage.prefet != null
#            and pilotage.prefet in c.presidence and (pilotage.mode == 'etat_seul'
#            or any(p in pilotage.porteurs, p in c.presidence)))"
#   (une seule verdict par fichier, sans `at` : la tête du fichier)
package fne

import rego.v1

fne_com_01_ok if {
	some c in input.comites
	c.type == "strategique"
	input.pilotage.prefet != null
	input.pilotage.prefet in c.presidence
	fne_com_01_porteurs(c)
}

fne_com_01_porteurs(_) if input.pilotage.mode == "etat_seul"

fne_com_01_porteurs(c) if {
	some p in input.pilotage.porteurs
	p in c.presidence
}

violations contains {"regle": "FNE-COM-01", "element": "territoire"} if not fne_com_01_ok
