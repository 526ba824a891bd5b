"""The word index of orders: their number, the customer's PO number or the notes (csc.core.textindex; created by the
migration of the same name). The ledger and the header search find words through it."""

from csc.core.textindex import TextIndex

INDEX = TextIndex(
    "orders_order", ("number", "customer_reference", "notes"), "orders_search", "order"
)
