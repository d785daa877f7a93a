"""The matching engine: pure Python with numpy/scipy, no Flask and no database (a test checks the imports).

`types` holds the plain inputs and results, `scoring` the criteria, `hard_constraints` what may never
be paired, and `solver` the matching itself (`match`, `greedy_match`).
"""
