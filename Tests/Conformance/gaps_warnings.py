# warnings: once per message by default, simplefilter/filterwarnings ignore and error, catch_warnings restores filters.
import warnings
for i in range(3):
    warnings.warn("repeated")
warnings.warn("dep", DeprecationWarning)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    warnings.warn("hidden")
warnings.simplefilter("error", UserWarning)
try:
    warnings.warn("boom")
except UserWarning as e:
    print("raised", e)
warnings.filterwarnings("ignore")
warnings.warn("quiet")
print("done")
