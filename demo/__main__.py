"""`python -m demo --landing DIR --recordings DIR --scale S`: generate every landing file and API recording (the
command line of `demo.generate`; run through the package so the package's own import of it is the only one)."""

from demo.generate import main

main()
