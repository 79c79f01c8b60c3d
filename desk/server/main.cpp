#include "cli.h"

int main(int argc, char** argv) { return nb::desk::run(argc, argv); }
