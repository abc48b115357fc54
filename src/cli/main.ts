// Entry point of the bundled CLI.
process.stdout.write('kargo\n');
