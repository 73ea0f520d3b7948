"""The words of events: trigger vocabularies, role words and actor words, as data.

What :mod:`newsledger.extract.event_rules` and :mod:`newsledger.extract.event_roles`
read to tell an event's kind and its parties: drone, shelling and bomb words,
vessels, crowds, armed groups, state forces, property, territory, weapons and
the like, plus the few ACLED sub-type names :mod:`newsledger.taxonomy` has no
constant for. Kept apart from the rules so that a tracker can read and extend
the vocabulary without reading the parse code. Hand-written: no packaged
resource maps English words to ACLED's categories.
"""

from __future__ import annotations

from newsledger.taxonomy import subtype

# ACLED sub-types taxonomy names no constant for, looked up so that a misspelling fails at import.
GOV_REGAINS = subtype("Government regains territory").name
NONSTATE_TAKES = subtype("Non-state actor overtakes territory").name
NONVIOLENT = subtype("Non-violent transfer of territory").name
CHANGE = subtype("Change to group/activity").name
DISRUPTED = subtype("Disrupted weapons use").name
HQ = subtype("Headquarters or base established").name
OTHER = subtype("Other").name

COREFERENCE_WINDOW_CHARS = 4000
# A count of events this large is a summary, never one incident.
AGGREGATE_COUNT = 10
# Weapons counted in one incident ("two bombs exploded"), not events.
INSTRUMENTS = {"bomb", "missile", "rocket", "shell", "grenade", "mine", "drone", "explosive", "device"}

LABOUR_WORDS = {"general", "hunger", "labour", "labor", "national", "workers", "worker", "teachers", "doctors", "nurses", "transport", "trade"}
# Words of a stoppage anywhere in the sentence: "journalists carried out a strike to demand pay".
LABOUR_CONTEXT = LABOUR_WORDS | {
    "union", "unions", "employees", "staff", "pay", "wage", "wages", "salary", "salaries", "picket", "walkout",
    "climate", "drivers", "strikers", "contract", "pension", "pensions", "action", "demand", "demanding",
    "demands", "protest", "protesters", "journalists",
}
VESSELS = {"tanker", "tankers", "ship", "ships", "vessel", "vessels", "boat", "boats", "freighter", "yacht", "ferry", "trawler", "barge"}
DRONE_WORDS = {"drone", "drones", "air", "aerial", "airstrike", "airstrikes", "warplane", "warplanes", "jet", "jets", "helicopter", "uav", "airforce", "aircraft", "gunship", "bomber", "bombers"}
SHELL_WORDS = {"missile", "missiles", "rocket", "rockets", "artillery", "mortar", "mortars", "shell", "shells", "shelling", "howitzer", "howitzers", "launcher", "launchers"}
BOMB_WORDS = {"bomb", "bombs", "bombing", "explosive", "explosives", "ied", "ieds", "landmine", "landmines", "explosion", "blast", "device"}
# A strike in these words is a military one: on boats, by forces, ordered by the Pentagon.
MILITARY_CONTEXT = VESSELS | (DRONE_WORDS - {"air"}) | SHELL_WORDS | {
    "military", "forces", "troops", "army", "navy", "naval", "pentagon", "cia", "militants", "militant", "rebels",
    "insurgents", "targets", "target", "base", "bases", "positions", "coalition", "war", "regime", "soldiers",
    "combatants", "cartel", "cartels", "traffickers", "smugglers", "israeli", "russian", "ukrainian", "houthi",
    "houthis", "hezbollah", "hamas", "taliban", "jihadists", "militia", "militias", "precision", "retaliatory",
}
# Nouns for a weapon hitting someone: "a stray bullet struck her".
PROJECTILES = {"bullet", "bullets", "round", "rounds", "gunfire", "shot", "shots", "pellet", "pellets"}
# "was struck by a car": an accident, not an attack.
ACCIDENT_WORDS = {
    "car", "cars", "vehicle", "vehicles", "truck", "trucks", "train", "trains", "bus", "van", "suv", "lightning",
    "motorist", "driver", "tree", "ball", "pitch", "wind", "winds", "storm", "storms", "tornado", "hurricane",
    "earthquake", "flood", "floods", "wave", "waves", "tanker", "pipeline", "gas", "boiler", "transformer",
    "fireworks", "cylinder", "plant", "refinery", "tragedy", "news", "loss", "crisis", "economy", "recession",
    "pandemic", "virus", "heat", "snow", "rain", "ice", "drought",
}
# Words of a shooting: a bullet that "struck" someone was fired, not dropped from the air.
FIREARM_WORDS = {"gun", "guns", "bullet", "bullets", "gunfire", "gunshot", "gunshots", "shots", "pistol", "rifle", "shotgun", "handgun", "trigger", "shooter", "gunman", "shooting", "shootings"}
# Nouns that refer back to an event already told ("the operation").
GENERIC_REFERENCES = {"operation", "attack", "incident", "raid", "assault", "episode", "blast", "strike", "bombing"}
LIGHT_VERBS = {"carry", "conduct", "launch", "stage", "mount", "order", "execute", "perform", "hold", "make", "unleash"}
# Verbs whose subject is the agent of the event noun they take ("the U.S. instigated a blockade").
AGENT_VERBS = LIGHT_VERBS | {
    "oversee", "instigate", "impose", "begin", "start", "announce", "expand", "tighten", "extend",
    "approve", "enforce", "continue", "escalate", "intensify", "step", "lead", "organise", "organize",
    "call", "declare", "authorize", "authorise", "resume",
}
PEOPLE_NOUNS = {
    "people", "person", "civilians", "civilian", "residents", "villagers", "worshippers", "children", "women",
    "men", "students", "protesters", "demonstrators", "soldiers", "troops", "police", "officers", "fighters",
    "militants", "rebels", "insurgents", "gunmen", "journalist", "journalists", "photojournalist", "members",
    "crew", "passengers", "suspects", "suspect", "man", "woman", "boy", "girl", "smugglers", "traffickers",
}

STATE_WORDS = {
    "military", "army", "navy", "air force", "forces", "troops", "soldiers", "police", "coast guard", "guard",
    "cia", "government", "ministry", "department", "pentagon", "administration", "marines", "authorities",
    "security", "border", "intelligence", "regime", "officers", "special forces", "national guard",
}
REBEL_WORDS = {"rebels", "insurgents", "militants", "taliban", "isis", "isil", "al-qaeda", "al-shabaab", "boko haram", "jihadists", "houthis", "guerrillas"}
MILITIA_WORDS = {"militia", "militias", "gang", "cartel", "cartels", "tren de aragua"}
PROTEST_WORDS = {"protesters", "demonstrators", "marchers", "activists"}
RIOT_WORDS = {"rioters", "mob", "looters"}
CIVILIAN_WORDS = {"civilians", "people", "residents", "villagers", "worshippers", "children", "women", "students", "journalist", "journalists", "photojournalist", "passengers"}

# Who bears arms as a side: an exchange of fire between them is a battle, not an attack on civilians.
ARMED_WORDS = {
    "soldier", "soldiers", "troops", "police", "policeman", "policemen", "officer", "officers", "forces", "army",
    "military", "militants", "militant", "rebels", "rebel", "insurgents", "insurgent", "fighters", "gunmen",
    "guerrillas", "militiamen", "militia", "militias", "jihadists", "commandos", "guards", "personnel", "troopers",
    "deputies", "marines", "paramilitaries", "taliban", "al-shabaab", "isis", "houthis", "patrol", "force", "navy",
    "garrison", "barracks", "checkpoint",
}
GOVERNMENT_WORDS = {"government", "pro-government", "army", "military", "regime", "national", "police", "federal"}
# A crowd acting on its own: ACLED's mob violence.
CROWD_WORDS = {
    "mob", "mobs", "rioters", "crowd", "crowds", "villagers", "residents", "locals", "relatives", "youths",
    "supporters", "vigilantes", "vigilante", "lynch", "onlookers", "looters", "youth", "cadres",
}
# Crowd words that also name armed men: "a group of people" is a crowd, "an armed group" is not.
LOOSE_CROWD_WORDS = {"group", "groups", "workers"}
NOT_A_CROWD = {"armed", "unidentified", "unknown", "suspected", "assailants", "attackers", "men", "gunmen", "militants", "maoist", "maoists", "naxal", "naxals", "naxalite", "naxalites"}
PROTEST_CONTEXT = PROTEST_WORDS | {"protest", "protests", "demonstration", "demonstrations", "rally", "rallies", "march", "sit-in", "protesting", "demonstrating", "demonstrate"}
SEXUAL_WORDS = {"rape", "raped", "raping", "sexual", "sexually", "molested", "molest"}
ABDUCTION_WORDS = {"kidnap", "kidnapped", "kidnapping", "abduct", "abducted", "abduction", "hostage", "hostages", "ransom"}
PROPERTY_WORDS = {
    "house", "houses", "home", "homes", "building", "buildings", "shop", "shops", "store", "stores", "property",
    "properties", "vehicle", "vehicles", "car", "cars", "motorcycle", "motorbike", "school", "schools", "church",
    "mosque", "temple", "office", "offices", "village", "villages", "crops", "farm", "farms", "market", "hut",
    "huts", "dwellings", "structures", "settlement", "settlements", "equipment", "truck", "trucks", "bus",
    "camp", "camps", "plantation", "land", "lands", "shelter", "shelters", "factory", "warehouse", "booth",
    "facility", "hall", "station", "tower", "excavator", "bulldozer", "goods", "belongings", "livestock",
    "cattle", "cows", "goats", "valuables", "food", "crop", "fields", "installations", "antenna", "windows",
    "trees", "wall", "laboratory", "lab", "clinic", "transporter", "machinery", "pipeline", "statue", "monument",
}
PLACE_NOUNS = {
    "town", "towns", "village", "villages", "city", "area", "areas", "hill", "hills", "base", "camp", "district",
    "territory", "region", "province", "positions", "position", "checkpoint", "airport", "port", "border",
    "crossing", "bridge", "highway", "outpost", "stronghold", "headquarters", "locality", "settlement",
    "island", "neighbourhood", "neighborhood", "front", "frontline", "capital", "outskirts", "municipality",
    "county", "valley", "mountain", "road", "junction", "airbase", "garrison", "enclave", "pocket", "sector",
}
BASE_NOUNS = {"base", "bases", "camp", "camps", "headquarters", "hq", "outpost", "outposts", "checkpoint", "checkpoints", "garrison", "stronghold", "strongholds"}
EXPLOSIVE_NOUNS = {"ied", "ieds", "bomb", "bombs", "explosive", "explosives", "device", "devices", "mine", "mines", "landmine", "landmines", "grenade", "grenades", "detonator", "detonators", "uxo"}
CACHE_NOUNS = {"cache", "caches", "arsenal", "stockpile", "depot", "munitions", "ammunition"}
WEAPON_NOUNS = CACHE_NOUNS | {"weapons", "arms", "rifles", "guns", "firearms", "pistols", "rounds", "cartridges", "rocket", "rockets", "ammo"}
INTERCEPTED = {"drone", "drones", "missile", "missiles", "rocket", "rockets", "projectile", "projectiles", "uav", "uavs", "shahed"}
AIRCRAFT = {"helicopter", "helicopters", "plane", "planes", "aircraft", "jet", "jets", "warplane", "warplanes", "fighter"}
NAVAL_AIR_ASSETS = {"ships", "warships", "carrier", "carriers", "destroyers", "submarines", "jets", "aircraft", "bombers", "assets", "fleet", "armada", "vessels", "buildup", "build-up", "massing", "frigates"}
# An armed or political group as a whole: what forms, splits, disbands or joins.
GROUP_NOUNS = {"group", "front", "militia", "brigade", "battalion", "coalition", "alliance", "movement", "faction", "army", "unit", "force", "forces", "rebels", "organisation", "organization", "wing", "command", "council"}
ARMED_CONTEXT = ARMED_WORDS | {"armed", "militia", "front", "brigade", "battalion", "rebel", "anti-junta", "pdf", "jihadist", "insurgency"}
# Sides of a battle: armed groups and forces; the police alone (who "said" in every crime report) are not one.
CLASH_SIDES = ARMED_CONTEXT - {"police", "policeman", "policemen", "officer", "officers", "deputies", "troopers", "guards", "personnel", "patrol"}
ROAD_NOUNS = {"road", "roads", "highway", "highways", "street", "streets", "avenue", "route", "traffic", "entrance", "bridge", "junction", "intersection", "railway", "track", "tracks", "access", "motorway", "expressway", "roundabout", "gate"}
PURPOSE_VERBS = {
    "demand", "denounce", "protest", "oppose", "call", "complain", "condemn", "ask", "express", "show", "support",
    "reject", "voice", "press", "urge", "demonstrate", "commemorate", "honour", "honor", "mourn", "decry", "claim",
    "seek", "highlight", "mark", "raise", "push", "appeal", "petition", "challenge",
}
FIGHT_WORDS = {"clash", "clashes", "clashed", "fighting", "fight", "fought", "battle", "battles", "offensive", "firefight", "shelling", "killing", "killed", "assault", "attack", "attacked", "gunfight"}
PEACEFUL_WORDS = {"peacefully", "peaceful", "unopposed", "uncontested", "handed", "handover", "withdrew", "withdrawal", "retreated", "abandoned", "vacated"}
INTERVENTION_WORDS = {"teargas", "tear-gas", "cannon", "cannons", "baton", "batons", "lathi", "lathicharge", "lathi-charge", "disperse", "dispersed", "dispersing", "intervene", "intervened", "intervention", "pepper", "rubber", "stun", "arrest", "arrested", "detain", "detained", "detaining", "arrests", "detention"}
VIOLENT_DEMO_WORDS = {"barricade", "barricades", "barricaded", "vandalise", "vandalize", "vandalised", "vandalized", "vandalism", "torch", "torched", "ransack", "ransacked", "loot", "looted", "rioted", "rioting", "rioters", "pelt", "pelted", "stone-pelting", "molotov", "smash", "smashed", "tyres", "tires", "stones", "rocks", "bricks", "petrol", "rampage"}
