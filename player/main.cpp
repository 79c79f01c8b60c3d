#include "app/cli.h"

int main(int argc, char** argv) { return nb::app::run(argc, argv); }
