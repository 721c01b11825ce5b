-- The mock bank keeps its own records in its own database.
CREATE DATABASE kizo_bank OWNER kizo;
