"""The word index of service requests: their subject (csc.core.textindex; created by the
migration of the same name). The ledger and the header search find words through it."""

from csc.core.textindex import TextIndex

INDEX = TextIndex("service_servicerequest", ("subject",), "service_search", "service_request")
