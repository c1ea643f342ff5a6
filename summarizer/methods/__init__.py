"""One module per method. Import the class you need; configs in ``conf/method/`` name them by path."""
