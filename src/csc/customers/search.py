"""The word index of customers: their name or short name (csc.core.textindex; created by the
migration of the same name). The ledger and the header search find words through it."""

from csc.core.textindex import TextIndex

INDEX = TextIndex("customers_customer", ("name", "short_name"), "customers_search", "customer")
