"""E-mail intake (IF-5): parsing a message, and polling the IMAP mailboxes."""
