# %% [markdown]
# # Title
# some prose

# %% First cell
x = 1
print("cell 1", x)

# %%
print("cell 2", x + 1)
