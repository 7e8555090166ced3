"""申請の準備: the consistency check and the application pack."""
