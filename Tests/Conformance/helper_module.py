CONSTANT = 42
def double(x):
    return 2 * x
if __name__ == "__main__":
    print("helper run directly")
