-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "displayCurrency" CHAR(3);
