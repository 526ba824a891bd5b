"""The word index of customer property items: their name or the customer's part no. (csc.core.textindex; created by the
migration of the same name). The ledger and the header search find words through it."""

from csc.core.textindex import TextIndex

INDEX = TextIndex("property_propertyitem", ("name", "part_no"), "property_search", "property_item")
