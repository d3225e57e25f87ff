# The benchmark is run by `make bench`, never by pytest.
collect_ignore_glob = ["*"]
